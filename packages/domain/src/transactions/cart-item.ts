export type ProductType =
  | 'physical'
  | 'discount'
  | 'shipping_fee'
  | 'sales_tax'
  | 'digital'
  | 'gift_card'
  | 'store_credit'
  | 'surcharge';

/** A cart line: the line total is quantity × unitAmount − discountAmount + taxAmount. */
export interface CartItem {
  name: string;
  quantity: number;
  unitAmount: number;
  discountAmount: number;
  taxAmount: number;
  productType?: ProductType | null;
  sku?: string | null;
  externalIdentifier?: string | null;
  /** Descriptive fields the merchant gave (Gr4vy's cart item), kept and shown back; no money rule reads them. */
  description?: string | null;
  productUrl?: string | null;
  imageUrl?: string | null;
  categories?: string[] | null;
  upc?: string | null;
  sellerCountry?: string | null;
  taxExempt?: boolean | null;
  unitOfMeasure?: string | null;
  commodityCode?: string | null;
}
