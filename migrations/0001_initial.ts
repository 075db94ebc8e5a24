import type { Migration } from './migration.js';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (t) => [
    `CREATE TABLE IF NOT EXISTS ${t('users')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      display_name VARCHAR(100) NOT NULL,
      role VARCHAR(16) NOT NULL,
      locale VARCHAR(10) NOT NULL DEFAULT 'ar',
      grade TINYINT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('guardianships')} (
      parent_id BIGINT NOT NULL,
      child_id BIGINT NOT NULL,
      PRIMARY KEY (parent_id, child_id),
      KEY child_idx (child_id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('classrooms')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      teacher_id BIGINT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      KEY teacher_idx (teacher_id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('enrolments')} (
      classroom_id BIGINT NOT NULL,
      student_id BIGINT NOT NULL,
      enrolled_at DATETIME(3) NOT NULL,
      PRIMARY KEY (classroom_id, student_id),
      KEY student_idx (student_id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('lessons')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      title VARCHAR(200) NOT NULL,
      subject VARCHAR(16) NOT NULL,
      grade TINYINT NOT NULL,
      locale VARCHAR(10) NOT NULL,
      KEY subject_grade_idx (subject, grade, id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('concepts')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      lesson_id BIGINT NOT NULL,
      position INT NOT NULL,
      name VARCHAR(200) NOT NULL,
      subject VARCHAR(16) NOT NULL,
      grade TINYINT NOT NULL,
      KEY lesson_idx (lesson_id, position),
      KEY grade_idx (grade, id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('content_bytes')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      concept_id BIGINT NOT NULL,
      kind VARCHAR(16) NOT NULL,
      prompt TEXT NOT NULL,
      choices TEXT NOT NULL,
      answer TEXT NOT NULL,
      media_url VARCHAR(500) NULL,
      difficulty DOUBLE NOT NULL,
      locale VARCHAR(10) NOT NULL,
      KEY concept_idx (concept_id, id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('concept_memory')} (
      user_id BIGINT NOT NULL,
      concept_id BIGINT NOT NULL,
      repetitions INT NOT NULL,
      ease_factor DOUBLE NOT NULL,
      interval_days INT NOT NULL,
      attempts INT NOT NULL,
      correct INT NOT NULL,
      last_reviewed_at DATETIME(3) NOT NULL,
      due_at DATETIME(3) NOT NULL,
      PRIMARY KEY (user_id, concept_id),
      KEY due_idx (user_id, due_at)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('answers')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_id BIGINT NOT NULL,
      client_event_id VARCHAR(64) NOT NULL,
      content_byte_id BIGINT NOT NULL,
      concept_id BIGINT NOT NULL,
      correct BOOLEAN NOT NULL,
      quality TINYINT NOT NULL,
      response_time_ms INT NOT NULL,
      answered_at DATETIME(3) NOT NULL,
      UNIQUE KEY client_event_uq (user_id, client_event_id),
      KEY user_concept_idx (user_id, concept_id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('processed_events')} (
      user_id BIGINT NOT NULL,
      client_event_id VARCHAR(64) NOT NULL,
      processed_at DATETIME(3) NOT NULL,
      PRIMARY KEY (user_id, client_event_id)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('activity_days')} (
      user_id BIGINT NOT NULL,
      day DATE NOT NULL,
      active_seconds INT NOT NULL,
      events INT NOT NULL,
      last_event_at DATETIME(3) NOT NULL,
      PRIMARY KEY (user_id, day)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('concept_outcomes')} (
      user_id BIGINT NOT NULL,
      concept_id BIGINT NOT NULL,
      day DATE NOT NULL,
      attempts INT NOT NULL,
      correct INT NOT NULL,
      PRIMARY KEY (user_id, concept_id, day),
      KEY concept_day_idx (concept_id, day)
    ) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS ${t('event_outbox')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      payload TEXT NOT NULL,
      created_at DATETIME(3) NOT NULL
    ) ${TABLE_OPTIONS}`,
  ],
};
