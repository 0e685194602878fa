import { z } from 'zod';
import { method } from './contract';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max);

/** The school profile: printed on every document (approval block, titles, footers). */
export const schoolProfileSchema = z
  .object({
    nameKk: text(400),
    nameRu: text(400),
    number: text(20),
    namedAfterKk: optText(200),
    namedAfterRu: optText(200),
    addressKk: optText(400),
    addressRu: optText(400),
    districtDepartmentKk: optText(400),
    districtDepartmentRu: optText(400),
    directorName: text(200),
    /** the position line under «Бекітемін», e.g. "№96 мектеп директоры" */
    directorPositionKk: text(300),
    directorPositionRu: text(300),
  })
  .strict();
export type SchoolProfile = z.infer<typeof schoolProfileSchema>;

export const schoolMethods = {
  'school.get': method<SchoolProfile>()(z.object({}).strict()),
  'school.update': method<SchoolProfile>()(schoolProfileSchema),
} as const;
