// The official SDK ships its types under build/esm, which its `exports` map does not expose to CommonJS resolution.
declare module '@smartpay/sdk-node' {
  import Smartpay from '@smartpay/sdk-node/build/esm/smartpay';
  export default Smartpay;
}
