package store

import "database/sql"

// stmtTx is a transaction that prepares each statement once: an import
// runs the same few inserts for every row, and the driver would otherwise
// parse the SQL again on every call. Statements close with the
// transaction.
type stmtTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

func (s *stmtTx) prep(q string) (*sql.Stmt, error) {
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.Tx.Prepare(q)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[q] = st
	return st, nil
}

func (s *stmtTx) Exec(q string, args ...any) (sql.Result, error) {
	st, err := s.prep(q)
	if err != nil {
		return nil, err
	}
	return st.Exec(args...)
}

func (s *stmtTx) QueryRow(q string, args ...any) *sql.Row {
	st, err := s.prep(q)
	if err != nil {
		return s.Tx.QueryRow(q, args...) // carries the same error
	}
	return st.QueryRow(args...)
}

func (s *stmtTx) Query(q string, args ...any) (*sql.Rows, error) {
	st, err := s.prep(q)
	if err != nil {
		return nil, err
	}
	return st.Query(args...)
}
