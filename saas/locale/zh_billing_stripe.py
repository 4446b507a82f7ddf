"""Simplified Chinese for paying through Stripe (tenants/billing/stripe_*): checkout and webhook."""

ZH = {
    "The payment service is not answering. Please try again in a few minutes.": "支付服务暂时没有响应，请几分钟后再试。",
    "Online payment is not configured for this installation. Pay by bank transfer instead.": "本系统未开通在线支付，请通过对公转账付款。",
    "The Stripe signature of this request is not valid.": "此请求的 Stripe 签名无效。",
    "This is not a Stripe event.": "这不是 Stripe 事件。",
    "There is no plan %(code)s to buy.": "没有可购买的套餐 %(code)s。",
    "Pay monthly or yearly.": "请选择按月或按年付款。",
    "This plan cannot be paid online yet. Pay by bank transfer instead.": "此套餐暂不支持在线支付，请通过对公转账付款。",
    "This workspace already has a subscription: change or cancel it in the billing portal.": "此工作区已有订阅，请在账单管理页面修改或取消。",
    "Months are for a prepaid term by WeChat Pay.": "月数仅用于微信支付的预付期限。",
    "Choose card, Alipay or WeChat Pay.": "请选择银行卡、支付宝或微信支付。",
    "Buy 3, 6 or 12 months.": "请选择 3、6 或 12 个月。",
    "This plan has no price yet.": "此套餐尚未定价。",
    "Sparrow %(plan)s, %(months)s months": "麻雀 %(plan)s，%(months)s 个月",
    "This workspace has not paid through Stripe yet.": "此工作区尚未通过 Stripe 付款。",
    "Only the workspace's owner can pay for it.": "只有工作区的老板可以付款。",
}
