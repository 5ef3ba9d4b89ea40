//go:build windows

package main

import "golang.org/x/sys/windows"

// cpUTF8 is the UTF-8 code page; x/sys/windows has no name for it.
const cpUTF8 = 65001

// utf8Console switches the console to UTF-8 (code page 65001) so cmd.exe
// shows qdoc's Chinese instead of mojibake: a Chinese Windows console
// defaults to GBK (936) and qdoc writes UTF-8. The console is shared with
// the shell that started qdoc, so the old code page is put back on exit.
// Without a console (output redirected, a scheduled task) the calls fail
// and nothing changes.
func utf8Console() (restore func()) {
	old, err := windows.GetConsoleOutputCP()
	if err != nil || old == cpUTF8 {
		return func() {}
	}
	if windows.SetConsoleOutputCP(cpUTF8) != nil {
		return func() {}
	}
	return func() { windows.SetConsoleOutputCP(old) }
}
