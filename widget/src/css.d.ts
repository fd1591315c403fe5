/** Stylesheets are bundled as minified text (widget/minified-css.ts). */
declare module '*.css' {
  const css: string;
  export default css;
}
