"""Chinese translations of finance's messages: invoices, receipts, refunds, receivables, returns
(merged by translate_zh.py)."""

ZH: dict[str, str] = {
    # Orders and customers as money sees them
    "Order not found.": "订单不存在。",
    "Add at least one order.": "请至少添加一个订单。",
    "At most %(n)d orders at a time.": "每次最多 %(n)d 个订单。",
    "This order is already in the list.": "该订单已在列表中。",
    "This order is another customer's.": "该订单属于其他客户。",
    "This order is not approved, or it is cancelled.": "该订单尚未审核或已取消。",
    "This date is in the future.": "日期不能晚于今天。",
    # Invoices
    "Invoice not found.": "发票不存在。",
    "Unknown invoice kind.": "未知的发票类型。",
    "The tax is zero or more, with at most 2 decimals.": "税额不能为负数，最多 2 位小数。",
    "The tax cannot be more than the invoice amount.": "税额不能超过发票金额。",
    "A special VAT invoice needs the customer's taxpayer id.": "开具增值税专用发票需要客户的纳税人识别号。",
    "Order %(number)s has only %(n)s left to invoice.": "订单 %(number)s 可开票金额仅剩 %(n)s。",
    # Receipts and refunds
    "Receipt not found.": "收款单不存在。",
    "Unknown payment method.": "未知的收款方式。",
    "Unknown receipt kind.": "未知的收款类型。",
    "The allocations add up to %(total)s, more than the %(left)s left on the receipt.": "核销合计 %(total)s，超过收款单剩余的 %(left)s。",
    "Order %(number)s has only %(due)s due.": "订单 %(number)s 的应收余额只有 %(due)s。",
    "This receipt is void.": "该收款单已作废。",
    "Only a payment can be allocated.": "只有收款可以核销到订单。",
    "This receipt is already void.": "该收款单已经作废。",
    "Part of this payment was refunded; void the refund first.": "该笔收款已部分退款，请先作废退款单。",
    "This refund settles return %(number)s and cannot be voided.": "该退款用于结算退货单 %(number)s，不能作废。",
    "The customer has only %(n)s of prepayment to refund.": "该客户可退的预收款只有 %(n)s。",
    "At most %(n)s can be refunded on order %(number)s.": "订单 %(number)s 最多可退款 %(n)s。",
    "Receipt %(number)s of %(day)s has the same reference, customer and amount. Record this one only if it is another payment.": "收款单 %(number)s（%(day)s）的流水号、客户和金额与此相同。只有确属另一笔收款时才再次登记。",
    "Reference %(reference)s is also on receipt %(numbers)s; check it is not the same money.": "流水号 %(reference)s 也出现在收款单 %(numbers)s 上，请核对是否为同一笔款项。",
    # Receivables and statements
    "Group by customer or rep.": "请按客户或业务员汇总。",
    "The start is after the end.": "开始日期晚于结束日期。",
    # Returns
    "Return not found.": "退货单不存在。",
    "This line is already on the return.": "该明细已在退货单中。",
    "At most %(n)s can be returned on this line.": "该明细最多可退 %(n)s。",
    "Choose a reason for the return.": "请选择退货原因。",
    "Choose refund or credit.": "请选择退款或冲抵货款。",
    "Quality problem": "质量问题",
    "Wrong item sent": "发错货",
    "Damaged in transit": "运输损坏",
    "No longer needed": "客户不要了",
    "Other reason": "其他原因",
    "All returns": "全部退货",
}
