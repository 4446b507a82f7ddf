"""The fixed words of order messages: units, the polite filler around an order, and the spec names
whose values people write with 码 or 号 (L码, 42号).

Filler is matched by the same automaton as the catalogue, so a longer catalogue word wins over
it (老板椅 is a product, 老板 is a greeting) and it never splits a product name.
"""

from __future__ import annotations

# Counting words that mean "one of the product's base unit" whatever the product counts in: a
# customer writes 个 or 件 for a 台 as readily as for a 件.
GENERIC_UNITS = frozenset({"件", "个", "只", "pcs", "pc"})

# Counting words used for one another: a phone is 一部 or 一台.
EQUIVALENT_UNITS = (frozenset({"台", "部"}),)

# Units any message may use; a workspace's base units and pack unit names are added to these.
UNITS: frozenset[str] = frozenset(
    {
        *GENERIC_UNITS,
        "条",
        "台",
        "部",
        "箱",
        "打",
        "双",
        "瓶",
        "罐",
        "听",
        "包",
        "袋",
        "盒",
        "支",
        "套",
        "张",
        "本",
        "把",
        "块",
        "桶",
        "提",
        "组",
        "对",
        "片",
        "卷",
        "根",
        "份",
        "斤",
        "公斤",
        "kg",
        "千克",
        "米",
        "件装",
        "箱装",
        "扎",
        "排",
        "板",
        "粒",
        "枚",
        "顶",
        "副",
        "捆",
        "筐",
        "盘",
        "串",
    }
)

# 打 is a dozen everywhere; used when the product has no pack unit called 打.
DOZEN = "打"

FILLER: frozenset[str] = frozenset(
    {
        "老板",
        "老板娘",
        "亲",
        "亲亲",
        "你好",
        "您好",
        "在吗",
        "在不在",
        "麻烦",
        "麻烦你",
        "麻烦您",
        "帮我",
        "帮忙",
        "帮",
        "给我",
        "给",
        "请",
        "谢谢",
        "多谢",
        "感谢",
        "谢了",
        "辛苦",
        "辛苦了",
        "发一下",
        "发下",
        "发",
        "发货",
        "安排",
        "一下",
        "要",
        "想要",
        "还要",
        "再要",
        "我要",
        "拿",
        "再拿",
        "来",
        "再来",
        "订",
        "订购",
        "下单",
        "补货",
        "补",
        "加",
        "再加",
        "还有",
        "另外",
        "以及",
        "和",
        "跟",
        "及",
        "的",
        "了",
        "吧",
        "呢",
        "啊",
        "哈",
        "哈哈",
        "哦",
        "嗯",
        "呀",
        "哟",
        "吗",
        "好的",
        "ok",
        "今天",
        "明天",
        "尽快",
        "共",
        "一共",
        "总共",
        "合计",
        "需要",
        "我们",
        "我",
        "各位",
        "大家",
        "接龙",
        "数量",
        "规格",
        "颜色",
        "尺码",
        "码",
        "号",
        "色",
        "款",
        "同款",
        "也",
        "都",
        "先",
        "然后",
        "送",
        "送货",
        "寄",
        "到",
        "thx",
        "thanks",
        "pls",
        "please",
        "再",
        "还",
        "就",
        "行",
        "就行",
        "可以",
        "谢",
        "这边",
        "那边",
        "客户",
        "上次",
        "那个",
        "这个",
        "一样",
        "一起",
        "吧哈",
        "啦",
        "嘛",
        "哒",
        "条码",
        "编码",
        "货号",
        "库存",
        "有货",
        "有",
        "没",
        "是",
        "哈喽",
        "hello",
        "hi",
        "早",
        "早上好",
        "晚上好",
        "下午好",
    }
)

# Specification names whose values take 码 or 号 after them (L码, 42号, 38码).
SIZE_SPECS = frozenset({"尺码", "尺寸", "码数", "码", "号型", "鞋码", "size", "型号"})

# A number followed by one of these is not a quantity: a size (42码), a price (10元), a time (3点).
NOT_QUANTITY_AFTER = frozenset({"码", "号", "元", "块钱", "点", "楼", "月", "日", "%", "寸", "折", "层"})

# When to deliver, not what: 3点前, 明天下午, 周五, 5号之前, 10月8日.
TIME_WORDS = (
    r"(?:\d{1,2}|[一二三四五六七八九十两]{1,3})(?:点半?|点钟|号|月|日)(?:之?前|以前|后|之后|左右)?"
    r"|上午|下午|晚上|中午|早上|今晚|后天|周[一二三四五六日天末]|星期[一二三四五六日天]|之前|以前"
)

# A quantity after these restates the total of what came before (共48瓶): it is not another line.
TOTAL_WORDS = frozenset({"共", "一共", "总共", "合计"})

# The distributive words: S、M各5件, 每样两箱.
EACH = ("各", "每样", "每款", "每种", "每个", "每色", "每码", "每")
TIMES = ("x", "×", "*")
