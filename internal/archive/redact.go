package archive

import (
	"regexp"
	"strings"
)

// Complaint entries can hold customers' names and phone numbers. Redact
// masks them in free text for reports that leave the department
// (--redact). It errs towards masking: a report for outside loses a word
// it did not need rather than leaks a name.
var (
	mobileRe   = regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}`)
	landlineRe = regexp.MustCompile(`\(?0\d{2,3}\)?[- ]?[2-9]\d{6,7}`)
	// A local number without area code, after a word saying it is one.
	telRe    = regexp.MustCompile(`(?i)(电话|手机|座机|联系方式|tel|phone)([:：]?\s*)(\d[\d -]{5,}\d)`)
	idCardRe = regexp.MustCompile(`\d{17}[\dXx]|\d{15}`)
	emailRe  = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	// A name after a word that introduces a person: 患者王小明, 联系人：李四.
	introRe = regexp.MustCompile(`(患者|病人|客户|顾客|用户|投诉人|反馈人|来电人|联系人|姓名|经办人|家属)([:：]?\s*)(\p{Han}{2,3})`)
	// A surname with a title: 王先生, 李女士, 张小姐, 赵老师.
	titleRe = regexp.MustCompile(`(\p{Han})\p{Han}{0,2}?(先生|女士|小姐|老师|医生|大夫|护士|阿姨|师傅)`)
)

// Redact masks phone numbers, ID card numbers, e-mail addresses and
// names-looking words in s: 13812345678 → 138****5678, 患者王小明 → 患者王某.
func Redact(s string) string {
	s = emailRe.ReplaceAllString(s, "***@***")
	s = maskWhole(s, idCardRe, func(m string) string { return m[:4] + strings.Repeat("*", len(m)-4) })
	s = maskWhole(s, mobileRe, maskMobile)
	s = maskWhole(s, landlineRe, maskDigits)
	s = telRe.ReplaceAllStringFunc(s, func(m string) string {
		g := telRe.FindStringSubmatch(m)
		return g[1] + g[2] + maskDigits(g[3])
	})
	s = introRe.ReplaceAllStringFunc(s, func(m string) string {
		g := introRe.FindStringSubmatch(m)
		return g[1] + g[2] + surname(g[3])
	})
	return titleRe.ReplaceAllString(s, "${1}某$2")
}

// maskWhole masks the matches of re that stand alone, not those inside a
// longer run of digits: a batch number 2026051213800138000 is not a phone.
func maskWhole(s string, re *regexp.Regexp, mask func(string) string) string {
	var b strings.Builder
	last := 0
	for _, loc := range re.FindAllStringIndex(s, -1) {
		if isDigitAt(s, loc[0]-1) || isDigitAt(s, loc[1]) {
			continue
		}
		b.WriteString(s[last:loc[0]])
		b.WriteString(mask(s[loc[0]:loc[1]]))
		last = loc[1]
	}
	return b.String() + s[last:]
}

func isDigitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

// maskMobile masks the middle four digits of the 11-digit number at the
// end of m, leaving a +86 in front of it as written.
func maskMobile(m string) string {
	b := []byte(m)
	seen := 0
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '0' || b[i] > '9' {
			continue
		}
		seen++
		if seen > 4 && seen <= 8 {
			b[i] = '*'
		}
	}
	return string(b)
}

// maskDigits keeps the first three and last four digits of a number that
// has more than seven, and masks the middle (the way couriers print them);
// shorter numbers keep only the last two.
func maskDigits(m string) string {
	d := []rune(m)
	n := 0
	for _, r := range d {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	keepHead, keepTail := 3, 4
	if n <= 8 {
		keepHead, keepTail = 0, 2
	}
	i := 0
	for k, r := range d {
		if r < '0' || r > '9' {
			continue
		}
		if i >= keepHead && i < n-keepTail {
			d[k] = '*'
		}
		i++
	}
	return string(d)
}

// surname keeps the first character of a name and replaces the rest: a
// reader can tell two complainants apart without knowing who they are.
func surname(name string) string {
	r := []rune(name)
	return string(r[0]) + "某"
}
