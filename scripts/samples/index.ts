/** Every feature's sample writer, in order. */
import type { SampleWriter } from './types';
import { writeBackupSamples } from './backup';
import { writePlanOfficeSamples } from './plans-io';

export const sampleWriters: SampleWriter[] = [writeBackupSamples, writePlanOfficeSamples];
