/** The referrals table as Kysely sees it (migrations/0017_referrals.ts); merged into db/schema.ts `Database`. */
import type { AgencyType, ReferralStatus } from '../../../shared/referrals';

export interface ReferralsTable {
  id: string;
  case_id: string;
  pupil_id: string;
  agency_type: AgencyType | null;
  /** protection: JSON { name, address } */
  agency_enc: Uint8Array | null;
  /** protection: JSON string */
  reason_enc: Uint8Array | null;
  /** protection: JSON string */
  request_enc: Uint8Array | null;
  /** protection: JSON string */
  answer_enc: Uint8Array | null;
  status: ReferralStatus;
  send_by: string | null;
  sent_on: string | null;
  answer_due_on: string | null;
  answered_on: string | null;
  document_id: string | null;
  council_decision_id: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}
