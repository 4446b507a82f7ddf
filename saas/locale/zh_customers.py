"""Chinese translations of the customers domain's messages (merged by translate_zh.py)."""

ZH: dict[str, str] = {
    "Customer not found.": "客户不存在。",
    "Contact not found.": "联系人不存在。",
    "Address not found.": "收货地址不存在。",
    "Tag not found.": "标签不存在。",
    "Customer level not found.": "客户等级不存在。",
    "User not found.": "用户不存在。",
    "Choose one of the listed values.": "请从列出的选项中选择。",
    "limit must be 1-%(n)d and offset 0-%(m)d.": "limit 须为 1-%(n)d，offset 须为 0-%(m)d。",
    "At most %(n)d per request.": "每次最多 %(n)d 条。",
    "This customer is already in the workspace, but not among yours. Ask a manager to assign it to you.": (
        "该客户已在本工作区中，但不属于您。请联系经理将其分配给您。"
    ),
    "Customers can be assigned only to colleagues who work with customers.": "客户只能分配给负责客户的同事。",
    "A customer with this name already exists: %(code)s.": "已存在同名客户：%(code)s。",
    "This phone number belongs to customer %(code)s.": "该电话号码已属于客户 %(code)s。",
    "Enter a phone number: 7-20 digits, with spaces, '+', '-' or brackets.": (
        "请输入电话号码：7-20 位数字，可含空格、“+”、“-”或括号。"
    ),
    "A credit limit is zero or more, with at most 2 decimals.": "信用额度须大于或等于 0，最多 2 位小数。",
    "A taxpayer id is 15-20 letters or digits.": "纳税人识别号为 15-20 位字母或数字。",
    "Enter a colour like #e34d59.": "请输入颜色，例如 #e34d59。",
    "Only one contact can be the primary contact.": "只能有一位主要联系人。",
    "Only one address can be the default address.": "只能有一个默认收货地址。",
    "This cannot be in the future.": "不能晚于当前时间。",
    "The follow-up date must be on or after the day of the conversation, within 3 years.": (
        "下次跟进日期须在沟通当天或之后，且在 3 年以内。"
    ),
    "Only a manager can set credit terms.": "只有经理可以设置信用额度和账期。",
    "Only a manager can give a customer to someone else.": "只有经理可以把客户分配给其他人。",
    "This customer is already active.": "该客户已是启用状态。",
    "This customer is already inactive.": "该客户已停用。",
    "A customer can have at most %(n)d contacts.": "每个客户最多 %(n)d 位联系人。",
    "A customer can have at most %(n)d addresses.": "每个客户最多 %(n)d 个收货地址。",
    "Choose another primary contact instead.": "请改为指定另一位主要联系人。",
    "This tag exists already.": "该标签已存在。",
    "Enter a whole number from 0 to %(n)d.": "请输入 0 到 %(n)d 之间的整数。",
}
