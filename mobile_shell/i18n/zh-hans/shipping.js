/** Shipping screens' strings (zh-hans). Every key here must also be in the other language's file. */

export default {
};
