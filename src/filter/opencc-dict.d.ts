// opencc-js ships its dictionaries as untyped ESM modules (`export default "a b|c d|..."`).
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
