"""Simplified Chinese for profit sharing, rebates and bonuses (saas/distribution's commission and
rebate modules, saas/api/distribution/commissions.py and rebates.py)."""

ZH = {
    # commission rules: the law's depth limit, goods sold only
    "Commissions reach at most %(n)d levels up (the direct parent and the grandparent): pay "
    "computed on deeper downline sales is 团队计酬 (team remuneration), prohibited by "
    "禁止传销条例 (the Regulations on Prohibiting Pyramid Selling).": "分润最多向上 %(n)d 级（直接上级和上上级）："
    "按更深层下级的销售计酬属于《禁止传销条例》禁止的团队计酬。",
    "This workspace pays commissions %(n)d level(s) up at most.": "本工作区的分润最多向上 %(n)d 级。",
    "The depth is 1 or 2.": "层级须为 1 或 2。",
    "Commissions are paid on goods sold: on revenue or on margin, never on recruiting.": "分润只按已售商品计算（按销售额或毛利），绝不按发展下线计算。",
    "A rate is more than 0 and at most 100 percent, with at most 2 decimals.": "比例须大于 0 且不超过 100%，最多 2 位小数。",
    "Another rule has the same depth, level and category.": "已有相同层级、级别和类目的规则。",
    "At most %(n)d rules.": "最多 %(n)d 条规则。",
    # settlements
    "A month is settled after it ends.": "月份结束后才能结算。",
    "%(month)s is settled already.": "%(month)s 已结算。",
    "Settlement not found.": "结算单不存在。",
    "This settlement is posted already.": "该结算单已入账。",
    "Commission %(month)s": "分润 %(month)s",
    "No month is settled yet: there is nothing to replay the rules on.": "尚无已结算的月份，无法用新规则试算。",
    "Name a month by its first day.": "请用月份的第一天表示月份。",
    "Name a quarter by its first day (1 January, 1 April, 1 July or 1 October).": "请用季度的第一天表示季度（1 月 1 日、4 月 1 日、7 月 1 日或 10 月 1 日）。",
    # rebates and bonuses
    "Choose a month or a quarter.": "请选择月度或季度。",
    "Measure purchases by quantity or by amount.": "请按数量或金额计算进货量。",
    "Give 1 to %(n)d tiers.": "请设置 1 到 %(n)d 个档位。",
    "A threshold is a positive quantity (3 decimals) or amount (2 decimals).": "门槛须为正数：数量最多 3 位小数，金额最多 2 位小数。",
    "Two tiers start at this threshold.": "有两个档位的门槛相同。",
    "Another active rule covers this period and level; switch it off first.": "已有启用中的规则适用于该周期和级别，请先停用它。",
    "Rule not found.": "规则不存在。",
    "At most %(n)d ranks.": "最多 %(n)d 个名次。",
    "Give an amount for at least one rank.": "请至少为一个名次设置奖金。",
    "A pool is a positive amount, at most 2 decimals.": "奖池须为正数金额，最多 2 位小数。",
    "Pay an amount per rank or share a pool.": "请选择按名次发奖或按奖池分配。",
    "Rebates are computed after the period ends.": "周期结束后才能计算返利。",
    "This run has been reviewed; it is no longer computed again.": "该返利单已审核，不能再重新计算。",
    "This period's run was just computed elsewhere; look at it again.": "该周期的返利单刚被计算过，请重新查看。",
    "Rebate run not found.": "返利单不存在。",
    "Only a draft run is approved.": "只有草稿状态的返利单可以审核。",
    "Approve the run before posting it.": "请先审核返利单再入账。",
    "This run is posted already.": "该返利单已入账。",
    "Rebate %(period)s: %(rule)s": "返利 %(period)s：%(rule)s",
    "Unknown choice.": "未知选项。",
}
