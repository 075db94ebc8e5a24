import type { Migration } from './migration.js';

/**
 * Consent before access: an enrolment records who consented to it (a guardian of the child, or
 * the app's admin) and classrooms get a join code that a teacher hands to families. Enrolments
 * made before this version have no consent and grant nothing until a guardian or an admin places
 * the child again.
 *
 * `<app>_relationships` is the one read model of who is related to whom, for the policy in
 * runtime/policy/ (which must not import a subgraph's tables). Each row reads "viewer is
 * <relation> of person (in classroom)":
 *   GUARDIAN             a parent of the child (no classroom)
 *   TEACHES              a teacher of the classroom (person is the teacher itself)
 *   TEACHER              the teacher of a student placed with consent
 *   STUDENT              a student of the teacher, placed with consent
 *   GUARDIAN_OF_STUDENT  a parent of a student of the teacher, placed with consent
 */
export const consentedEnrolments: Migration = {
  version: 4,
  name: 'consented_enrolments',
  up: (t) => [
    `ALTER TABLE ${t('enrolments')} ADD COLUMN consented_by BIGINT NULL`,
    `ALTER TABLE ${t('enrolments')} ADD COLUMN consented_as VARCHAR(16) NULL`,
    `ALTER TABLE ${t('classrooms')} ADD COLUMN join_code VARCHAR(16) NULL`,
    // 12 hex characters (48 bits) from the server's randomness, for classrooms that exist already.
    `UPDATE ${t('classrooms')} SET join_code = UPPER(SUBSTRING(SHA2(CONCAT(id, ':', RAND(), ':', NOW(6)), 256), 1, 12)) WHERE join_code IS NULL`,
    `ALTER TABLE ${t('classrooms')} ADD UNIQUE INDEX join_code_idx (join_code)`,
    `CREATE OR REPLACE VIEW ${t('relationships')} AS
      SELECT c.teacher_id AS viewer_id, 'TEACHES' AS relation, c.teacher_id AS person_id, c.id AS classroom_id
        FROM ${t('classrooms')} c
      UNION ALL
      SELECT g.parent_id, 'GUARDIAN', g.child_id, NULL
        FROM ${t('guardianships')} g
      UNION ALL
      SELECT c.teacher_id, 'TEACHER', e.student_id, c.id
        FROM ${t('enrolments')} e JOIN ${t('classrooms')} c ON c.id = e.classroom_id
        WHERE e.consented_by IS NOT NULL
      UNION ALL
      SELECT e.student_id, 'STUDENT', c.teacher_id, c.id
        FROM ${t('enrolments')} e JOIN ${t('classrooms')} c ON c.id = e.classroom_id
        WHERE e.consented_by IS NOT NULL
      UNION ALL
      SELECT g.parent_id, 'GUARDIAN_OF_STUDENT', c.teacher_id, c.id
        FROM ${t('guardianships')} g
        JOIN ${t('enrolments')} e ON e.student_id = g.child_id
        JOIN ${t('classrooms')} c ON c.id = e.classroom_id
        WHERE e.consented_by IS NOT NULL`,
  ],
};
