/** Sales screens' strings (en). Every key here must also be in the other language's file. */

export default {
};
