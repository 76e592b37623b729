/** Files imported `with { type: "file" }` resolve to a path (embedded in the compiled binary). */
declare module "htmx.org/dist/*.js" {
  const path: string;
  export default path;
}
declare module "*.css" {
  const path: string;
  export default path;
}
declare module "*.svg" {
  const path: string;
  export default path;
}
