// The SDK's UMD bundle ships a global-style d.ts that TypeScript does not treat as a module; the tests
// only need the parser, typed where they use it (helpers.ts).
declare module 'adaptivecards/dist/adaptivecards.js' {
  const sdk: unknown;
  export default sdk;
}
