/**
 * The GraphQL operations of chat (会话) and paste-to-order (粘贴下单): the caller's conversations,
 * one conversation's history, the people to start one with, sending, recalling, reading and
 * muting, the `messages` subscription, and reading a pasted message as draft order lines.
 *
 * One exported constant per operation, named after it; fragments joined with + (tests/
 * test_shell_operations.py validates each against graphql/schema.graphql).
 */

export const ORDER_CARD_FIELDS = `fragment OrderCardFields on OrderCard { orderId available number status customerName }`;
export const MESSAGE_FIELDS = `fragment MessageFields on Message {
  id conversationId cursor senderId senderName clientId text createdAt recalled recalledAt
  images { id url thumbnailUrl width height }
  order { ...OrderCardFields }
}`;
export const CONVERSATION_FIELDS = `fragment ConversationFields on Conversation {
  id kind title orderId quotationId subjectNumber unreadCount lastReadMessageId muted following lastActivityAt
  order { ...OrderCardFields }
  participants { userId name lastReadMessageId }
  lastMessage { ...MessageFields }
}`;

export const CONVERSATIONS = `query Conversations($limit: Int!, $offset: Int!) {
  conversations(limit: $limit, offset: $offset) { totalCount unreadTotal items { ...ConversationFields } }
}` + CONVERSATION_FIELDS + MESSAGE_FIELDS + ORDER_CARD_FIELDS;
export const CONVERSATION = `query Conversation($id: ID!) {
  conversation(id: $id) { ...ConversationFields }
}` + CONVERSATION_FIELDS + MESSAGE_FIELDS + ORDER_CARD_FIELDS;
export const CONVERSATION_MESSAGES = `query ConversationMessages($id: ID!, $before: ID, $after: ID, $limit: Int!) {
  conversationMessages(id: $id, before: $before, after: $after, limit: $limit) { hasMore items { ...MessageFields } }
}` + MESSAGE_FIELDS + ORDER_CARD_FIELDS;
export const CHAT_CONTACTS = `query ChatContacts($search: String!, $limit: Int!) {
  chatContacts(search: $search, limit: $limit) { totalCount items { userId name distributorName } }
}`;

export const CONVERSATION_START = `mutation ConversationStart($input: ConversationStartInput!) {
  conversationStart(input: $input) { conversation { ...ConversationFields } errors { field code message } }
}` + CONVERSATION_FIELDS + MESSAGE_FIELDS + ORDER_CARD_FIELDS;
export const MESSAGE_SEND = `mutation MessageSend($input: MessageSendInput!) {
  messageSend(input: $input) { message { ...MessageFields } errors { field code message } }
}` + MESSAGE_FIELDS + ORDER_CARD_FIELDS;
export const MESSAGE_RECALL = `mutation MessageRecall($id: ID!) {
  messageRecall(id: $id) { message { ...MessageFields } errors { field code message } }
}` + MESSAGE_FIELDS + ORDER_CARD_FIELDS;
export const CONVERSATION_MARK_READ = `mutation ConversationMarkRead($id: ID!, $messageId: ID) {
  conversationMarkRead(id: $id, messageId: $messageId) { conversation { id unreadCount lastReadMessageId } errors { field code message } }
}`;
export const CONVERSATION_MUTE = `mutation ConversationMute($id: ID!, $muted: Boolean!) {
  conversationMute(id: $id, muted: $muted) { conversation { id muted } errors { field code message } }
}`;

/** Live: sent, recalled and read in the caller's conversations (one, or all without an id). */
export const LIVE_MESSAGES = `subscription LiveMessages($conversationId: ID, $after: ID) {
  messages(conversationId: $conversationId, after: $after) {
    kind conversationId cursor readerId lastReadMessageId message { ...MessageFields }
  }
}` + MESSAGE_FIELDS + ORDER_CARD_FIELDS;

export const ORDER_TEXT_SKU_FIELDS = `fragment OrderTextSkuFields on Sku { id code name specLabel baseUnit productId }`;
export const ORDER_TEXT_PARSE = `query OrderTextParse($text: String!, $customerId: ID) {
  orderTextParse(text: $text, customerId: $customerId) {
    unmatched
    lines {
      index source quantity unit unitFactor baseQuantity packUnitId confident doubts specText note
      sku { ...OrderTextSkuFields } candidates { ...OrderTextSkuFields }
    }
  }
}` + ORDER_TEXT_SKU_FIELDS;
export const ORDER_TEXT_ALIAS_LEARN = `mutation OrderTextAliasLearn($input: OrderTextAliasLearnInput!) {
  orderTextAliasLearn(input: $input) { alias { text timesUsed } errors { field code message } }
}`;
