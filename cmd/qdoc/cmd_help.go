package main

import (
	"github.com/spf13/cobra"
)

// workflowText is `qdoc help workflow`: one quarter of a new quality
// officer's work, step by step. Every line that starts with "  qdoc " is a
// real command: TestWorkflowCommandsRun checks that testdata/script/
// help_workflow.txtar runs each of them, in this order, on a fresh
// workspace, so the walkthrough cannot drift from what qdoc does.
const workflowText = `给新上任的质量管理员：一个季度从登记到报告，每一步用哪个命令。
  register → run → print → sign → scan → file → report

第 0 步 建工作区（只做一次）
  qdoc init 质管部 --company 某某医疗器械有限公司
  cd 质管部
用记事本打开 config.yaml，填写 company（公司名称）、operator（你的姓名）、
departments（各部门）和 deadlines（各等级的处理时限）。路径可以含中文和空格。

第 1 步 登记（register）
用 Excel 打开 质量信息登记表.xlsx，每条信息一行，编号 一列留空；
另存到 inbox 文件夹，例如 inbox\2026年第三季度登记.xlsx。先检查，不写任何东西：
  qdoc check
有问题的会写明 文件、行、列、字段 和 应当怎么改。

第 2 步 运行（run）：编号、出表单、更新台帐
  qdoc run
每个文件显示 新增／更新／未变／拒绝 和给出的编号（LDMD-FM-30-2026-0001 …）。
被拒绝的文件一条也不导入：按提示改正，或打开
out\rejected\…-错误报告.xlsx（红色单元格附批注），改好放回 inbox 再运行。
运行后：
  out\forms\FM-30\2026\LDMD-FM-30-2026-0001.pdf   每条一份 信息传递反馈单
  out\LDMD-FM-31 质量信息台帐 2026.xlsx             台帐，A4 横向，可直接打印
查看已登记的信息：
  qdoc info list

第 3 步 打印（print）
把要送出的表单合成一个 PDF（在 out\print\ 下）一次打印：
  qdoc forms print LDMD-FM-30-2026-0001 LDMD-FM-30-2026-0002
需要手写时，预留编号并打印空白表单（填好交回后，登记表里写上它的编号即可）：
  qdoc forms blank FM-30 --count 5

第 4 步 签字（sign）
把表单送到涉及部门，填写处理意见、反馈结果，签名并写日期。
收回后，在登记表中填 反馈结果、状态、关闭日期 再运行，或者直接：
  qdoc info close LDMD-FM-30-2026-0001 --feedback "已整改，复查合格" --date 2026-09-20

第 5 步 扫描（scan）
把签好字的表单扫描为 PDF、JPG 或 PNG，文件名里带上编号（大小写均可），
放入 inbox\scans\，例如 inbox\scans\LDMD-FM-30-2026-0001 签字.pdf

第 6 步 归档（file）
  qdoc run
扫描件归入 archive\2026\LDMD-FM-30\LDMD-FM-30-2026-0001-扫描件-1.pdf，
台帐中该行标 已归档，原件移到 inbox\scans\已归档\。归档只增不改。
把输出最后一行的 归档清单链尾哈希 抄下来保存。随时核验归档是否完好：
  qdoc verify
每周看一次要催办什么（超期未关闭、预留未用的编号）：
  qdoc remind

第 7 步 季度报告（report）
季度结束后（如 10 月初）生成上季度的 FM-32 质量信息汇总分析表：
  qdoc report quarter 2026Q3
得到 out\reports\ 下的 .xlsx 和 .pdf，打印后分发各部门签收。报告归档后该季度即结账：
之后再改这个季度的信息，须用 --reason 写明原因。
最后备份（最好备份到另一块盘或 U 盘，如 E:\qdoc备份\2026Q3）：
  qdoc backup ../质管部备份/2026Q3

每个命令的用途、例子和退出码（help 后面加命令名）：
  qdoc help run
脚本和监控用 --json（run、check、verify、info list、doc list）。
`

func newWorkflowTopic() *cobra.Command {
	// No Run: cobra lists it under "Additional help topics" and
	// `qdoc help workflow` prints the Long text.
	return &cobra.Command{
		Use:   "workflow",
		Short: "一个季度的工作流程：登记 → 运行 → 打印 → 签字 → 扫描 → 归档 → 报告",
		Long:  workflowText,
	}
}

// setupHelp gives every command the shared exit-status footer, the
// workflow topic, and examples on cobra's own help and completion
// commands, so every --help teaches the same way.
func setupHelp(root *cobra.Command) {
	// The footer goes in the usage template, inherited by every command,
	// instead of being pasted into each Long text.
	root.SetUsageTemplate(root.UsageTemplate() + exitHelp)
	root.SetHelpTemplate(helpTemplate)
	root.AddCommand(newWorkflowTopic())
	// cobra adds these when it executes; added now, tests that walk the
	// tree and parse the examples see them too.
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = "Help about any command (帮助); 'qdoc help workflow' walks through a quarter"
			c.Example = "  qdoc help workflow\n  qdoc help run"
		case "completion":
			setupCompletion(c)
		}
	}
}

// helpTemplate puts the one-line purpose (Short) first, then the longer
// text: cobra's default shows Long instead of Short, and the purpose would
// be missing from every command that has a Long text.
const helpTemplate = `{{with .Short}}{{. | trimTrailingWhitespaces}}

{{end}}{{with .Long}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`

// completionExamples say how each shell loads the script.
var completionExamples = map[string]string{
	"bash":       "  source <(qdoc completion bash)\n  qdoc completion bash > /etc/bash_completion.d/qdoc",
	"zsh":        "  qdoc completion zsh > \"${fpath[1]}/_qdoc\"",
	"fish":       "  qdoc completion fish > ~/.config/fish/completions/qdoc.fish",
	"powershell": "  qdoc completion powershell | Out-String | Invoke-Expression",
}

func setupCompletion(c *cobra.Command) {
	c.Short = "Shell completion script (命令补全): bash, zsh, fish, powershell"
	c.Example = completionExamples["bash"] + "\n" + completionExamples["powershell"]
	for _, sub := range c.Commands() {
		sub.Example = completionExamples[sub.Name()]
	}
}
