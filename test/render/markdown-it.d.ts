// markdown-it ships no types; the tests use only the constructor and render().
declare module 'markdown-it' {
  interface MarkdownIt {
    render(src: string): string;
    renderInline(src: string): string;
  }
  const MarkdownIt: (options?: { linkify?: boolean; html?: boolean }) => MarkdownIt;
  export default MarkdownIt;
}
