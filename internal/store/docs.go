package store

// migrationDocs creates the document-control tables. Dates are civil
// dates (2006-01-02; empty = not yet). Rows are never deleted: a rejected
// request, a superseded version and a returned copy all stay, and every
// change is in the audit log under the document's number.
const migrationDocs = `
CREATE TABLE documents (
	number TEXT PRIMARY KEY,
	title TEXT NOT NULL,
	owner TEXT NOT NULL,
	review_months INTEGER NOT NULL,
	periodic TEXT NOT NULL DEFAULT '',
	registered TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE doc_versions (
	number TEXT NOT NULL REFERENCES documents(number),
	version TEXT NOT NULL,
	state TEXT NOT NULL,
	issued TEXT NOT NULL DEFAULT '',
	effective TEXT NOT NULL DEFAULT '',
	superseded TEXT NOT NULL DEFAULT '',
	destroyed TEXT NOT NULL DEFAULT '',
	archived_copy TEXT NOT NULL DEFAULT '',
	request TEXT NOT NULL DEFAULT '',
	training TEXT NOT NULL DEFAULT '',
	trainer TEXT NOT NULL DEFAULT '',
	trainees TEXT NOT NULL DEFAULT '',
	file TEXT NOT NULL DEFAULT '',
	file_sha256 TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (number, version)
);
CREATE TABLE doc_copies (
	number TEXT NOT NULL,
	version TEXT NOT NULL,
	copy_no INTEGER NOT NULL,
	holder TEXT NOT NULL,
	issued TEXT NOT NULL DEFAULT '',
	returned TEXT NOT NULL DEFAULT '',
	returned_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (number, version, copy_no),
	FOREIGN KEY (number, version) REFERENCES doc_versions(number, version)
);
CREATE TABLE doc_requests (
	serial TEXT PRIMARY KEY,
	year INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	number TEXT NOT NULL REFERENCES documents(number),
	from_version TEXT NOT NULL,
	to_version TEXT NOT NULL DEFAULT '',
	dept TEXT NOT NULL DEFAULT '',
	reason TEXT NOT NULL,
	applicant TEXT NOT NULL,
	applied TEXT NOT NULL,
	state TEXT NOT NULL,
	reviewer TEXT NOT NULL DEFAULT '',
	review TEXT NOT NULL DEFAULT '',
	reviewed TEXT NOT NULL DEFAULT '',
	approver TEXT NOT NULL DEFAULT '',
	approval TEXT NOT NULL DEFAULT '',
	approved TEXT NOT NULL DEFAULT '',
	issued_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX doc_requests_number ON doc_requests(number);
CREATE TABLE doc_trainings (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	number TEXT NOT NULL,
	version TEXT NOT NULL,
	date TEXT NOT NULL,
	trainer TEXT NOT NULL DEFAULT '',
	attendees TEXT NOT NULL,
	FOREIGN KEY (number, version) REFERENCES doc_versions(number, version)
);
CREATE TABLE doc_counters (form TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (form, year));
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
	BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;
CREATE TRIGGER doc_versions_no_delete BEFORE DELETE ON doc_versions
	BEGIN SELECT RAISE(ABORT, 'document versions are never deleted'); END;
CREATE TRIGGER doc_copies_no_delete BEFORE DELETE ON doc_copies
	BEGIN SELECT RAISE(ABORT, 'document copies are never deleted'); END;
CREATE TRIGGER doc_requests_no_delete BEFORE DELETE ON doc_requests
	BEGIN SELECT RAISE(ABORT, 'revision requests are never deleted'); END;
CREATE TRIGGER doc_trainings_no_delete BEFORE DELETE ON doc_trainings
	BEGIN SELECT RAISE(ABORT, 'training records are never deleted'); END;
`
