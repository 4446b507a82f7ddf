"""Category starter sets a new workspace can pick by industry: two-level trees, as data.

`category_starter_apply` adds the missing categories of one set and leaves existing ones (and
anything the tenant added or renamed) alone, so applying a set twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StarterSet:
    code: str
    name: str  # shown in Chinese, the language of the categories themselves
    tree: dict[str, list[str]]  # top-level category -> its sub-categories, in display order

    @property
    def category_count(self) -> int:
        return len(self.tree) + sum(len(children) for children in self.tree.values())


STARTER_SETS: dict[str, StarterSet] = {
    starter.code: starter
    for starter in [
        StarterSet(
            code="apparel",
            name="服装",
            tree={
                "男装": ["T恤", "衬衫", "夹克", "卫衣", "休闲裤", "牛仔裤", "羽绒服"],
                "女装": ["连衣裙", "半身裙", "T恤", "衬衫", "针织衫", "外套", "裤子"],
                "童装": ["上衣", "裤子", "套装", "外套", "婴儿服"],
                "内衣家居服": ["文胸", "内裤", "袜子", "睡衣", "保暖内衣"],
                "鞋靴": ["运动鞋", "休闲鞋", "皮鞋", "靴子", "凉鞋拖鞋"],
                "箱包配饰": ["双肩包", "手提包", "钱包", "帽子", "围巾", "腰带"],
            },
        ),
        StarterSet(
            code="digital",
            name="数码",
            tree={
                "手机通讯": ["手机", "手机壳", "贴膜", "充电器", "数据线", "移动电源"],
                "电脑办公": ["笔记本电脑", "台式机", "显示器", "键盘", "鼠标", "打印机"],
                "影音娱乐": ["耳机", "蓝牙音箱", "智能手表", "游戏设备"],
                "存储设备": ["U盘", "移动硬盘", "存储卡", "固态硬盘"],
                "摄影摄像": ["数码相机", "镜头", "三脚架", "运动相机"],
                "智能家居": ["路由器", "监控摄像头", "智能插座", "扫地机器人"],
            },
        ),
        StarterSet(
            code="baby",
            name="母婴",
            tree={
                "奶粉辅食": ["婴幼儿奶粉", "孕妈奶粉", "米粉", "果泥"],
                "尿裤湿巾": ["纸尿裤", "拉拉裤", "婴儿湿巾"],
                "喂养用品": ["奶瓶", "奶嘴", "吸奶器", "儿童餐具", "水杯"],
                "洗护用品": ["洗发沐浴", "护肤霜", "洗衣液", "爽身粉"],
                "童车童床": ["婴儿推车", "安全座椅", "婴儿床", "学步车"],
                "玩具": ["早教益智", "积木拼插", "毛绒玩具", "遥控玩具"],
                "孕产用品": ["孕妇装", "待产包", "哺乳文胸"],
            },
        ),
        StarterSet(
            code="beauty",
            name="美妆",
            tree={
                "面部护肤": ["洁面", "爽肤水", "精华", "乳液面霜", "面膜", "防晒"],
                "彩妆": ["粉底", "口红", "眼影", "睫毛膏", "眉笔", "腮红"],
                "香水": ["女士香水", "男士香水", "中性香水"],
                "美发护发": ["洗发水", "护发素", "染发", "造型"],
                "身体护理": ["沐浴露", "身体乳", "护手霜", "止汗露"],
                "美妆工具": ["化妆刷", "美妆蛋", "卸妆棉", "化妆镜"],
            },
        ),
        StarterSet(
            code="food",
            name="食品",
            tree={
                "休闲零食": ["饼干糕点", "坚果炒货", "糖果巧克力", "肉干肉脯", "膨化食品"],
                "粮油调味": ["大米", "面粉", "食用油", "酱油醋", "调味料"],
                "酒水饮料": ["饮用水", "果汁饮料", "茶叶", "白酒", "啤酒", "葡萄酒"],
                "生鲜": ["水果", "蔬菜", "肉禽蛋", "海鲜水产"],
                "乳制品": ["纯牛奶", "酸奶", "奶酪"],
                "方便速食": ["方便面", "速冻食品", "罐头", "自热火锅"],
            },
        ),
        StarterSet(
            code="hardware",
            name="五金",
            tree={
                "手动工具": ["扳手", "螺丝刀", "钳子", "锤子", "卷尺"],
                "电动工具": ["电钻", "角磨机", "电锤", "电动螺丝刀"],
                "紧固件": ["螺丝", "螺母", "螺栓", "膨胀螺丝", "垫片"],
                "水暖卫浴": ["水龙头", "管件", "阀门", "花洒"],
                "电工电料": ["电线电缆", "开关插座", "灯具", "断路器"],
                "劳保用品": ["劳保手套", "安全帽", "防护眼镜", "劳保鞋"],
                "门窗五金": ["合页", "拉手", "门锁", "滑轨"],
            },
        ),
    ]
}
