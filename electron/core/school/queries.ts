import type { SchoolProfile } from '../../../shared/school';
import type { Db } from '../db/types';
import { AppError } from '../errors';

export async function readSchoolProfile(db: Db): Promise<SchoolProfile> {
  const r = await db.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'the school profile is missing');
  return {
    nameKk: r.name_kk,
    nameRu: r.name_ru,
    number: r.number,
    namedAfterKk: r.named_after_kk,
    namedAfterRu: r.named_after_ru,
    addressKk: r.address_kk,
    addressRu: r.address_ru,
    districtDepartmentKk: r.district_department_kk,
    districtDepartmentRu: r.district_department_ru,
    directorName: r.director_name,
    directorPositionKk: r.director_position_kk,
    directorPositionRu: r.director_position_ru,
  };
}

export async function writeSchoolProfile(db: Db, p: SchoolProfile, now: Date): Promise<void> {
  const row = {
    id: 1,
    name_kk: p.nameKk,
    name_ru: p.nameRu,
    number: p.number,
    named_after_kk: p.namedAfterKk,
    named_after_ru: p.namedAfterRu,
    address_kk: p.addressKk,
    address_ru: p.addressRu,
    district_department_kk: p.districtDepartmentKk,
    district_department_ru: p.districtDepartmentRu,
    director_name: p.directorName,
    director_position_kk: p.directorPositionKk,
    director_position_ru: p.directorPositionRu,
    updated_at: now.toISOString(),
  };
  const { id: _id, ...rest } = row;
  await db.insertInto('school').values(row).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
}
