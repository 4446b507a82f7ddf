"""Chinese translations of partner sync paging's messages (saas.core.sync, saas.api.pagination)."""

ZH: dict[str, str] = {
    "This cursor is not one this list gave out; start again without it.": "此游标不是该列表给出的，请去掉游标重新开始。",
    "A cursor page starts after a cursor, not at an offset; leave offset out.": "游标分页从游标之后开始，不能使用偏移量，请去掉 offset。",
}
