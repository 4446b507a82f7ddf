"""Simplified Chinese for billing (tenants/billing): plans, status, limits, operator messages."""

ZH = {
    "A workspace cannot go from %(before)s to %(after)s.": "工作区不能从 %(before)s 变为 %(after)s。",
    "There is no plan %(code)s.": "没有套餐 %(code)s。",
    "Unknown billing status.": "未知的计费状态。",
    "Give 1 to 365 days.": "请填写 1 到 365 天。",
    "Only a workspace on its trial can have its trial extended.": "只有试用中的工作区才能延长试用期。",
    "Unknown interval or payment method.": "未知的计费周期或付款方式。",
    "Give 1 to %(max)s months.": "请填写 1 到 %(max)s 个月。",
    "Unknown payment method.": "未知的付款方式。",
    "Unknown invoice source or status.": "未知的账单来源或状态。",
    "An invoice needs its reference.": "账单需要参考号。",
}
