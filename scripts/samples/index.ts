/** Every feature's sample writer, in order (the backup last, so that it holds everything the others made). */
import type { SampleWriter } from './types';
import { writeBackupSamples } from './backup';
import { writeClassListSamples } from './class-list';
import { writeCouncilSamples } from './council';
import { writeDocumentSamples } from './documents';
import { writeDistrictSamples } from './district';
import { writePlanSamples } from './plans';
import { writePlan748Samples } from './plans-748';
import { writePlanOfficeSamples } from './plans-io';
import { writeReferralSamples } from './referrals';
import { writeRegisterSamples } from './register';
import { writeScreeningSamples } from './screening';
import { writeCaseDocumentSamples } from './case-documents';

export const sampleWriters: SampleWriter[] = [
  writeDocumentSamples,
  writePlanSamples,
  writePlanOfficeSamples,
  writePlan748Samples,
  writeClassListSamples,
  writeCouncilSamples,
  writeRegisterSamples,
  writeScreeningSamples,
  writeReferralSamples,
  writeCaseDocumentSamples,
  writeDistrictSamples,
  writeBackupSamples,
];
