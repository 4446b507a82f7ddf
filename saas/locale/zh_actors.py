"""Chinese for who acts: people, partner keys and jobs (saas/accounts/actors.py, saas/api/who.py)."""

ZH = {
    "Only a person can do this.": "只有用户本人可以执行此操作。",
    "System: %(reason)s": "系统：%(reason)s",
    "reservation retry": "到货自动预留",
    "Choose the sales rep of this order.": "请选择这张订单的业务员。",
}
