//! The Chinese of `--help`: each subcommand's words by its name, each
//! argument's by its id, in the document's own terms. The English is the doc
//! comments of `src/cli/` and the after-help texts beside this file; the
//! CLI's `help.rs` puts these words in their place, and its test holds the
//! two trees alike, so that neither has an entry the other lacks.

/// One subcommand's words: what it does (and at length, where the English
/// has a long version), what follows its options, and its arguments' help.
pub struct Words {
    pub name: &'static str,
    pub about: &'static str,
    pub long_about: Option<&'static str>,
    pub after_help: Option<&'static str>,
    pub args: &'static [(&'static str, &'static str)],
}

/// The words of a subcommand (`kaohe` for the command itself).
pub fn command(name: &str) -> Option<&'static Words> {
    COMMANDS.iter().find(|words| words.name == name)
}

/// The help of an argument: the subcommand's own words, else those every
/// subcommand shares.
pub fn argument(words: Option<&Words>, id: &str) -> Option<&'static str> {
    let find = |list: &'static [(&'static str, &'static str)]| list.iter().find(|(key, _)| *key == id).map(|(_, w)| *w);
    words.and_then(|words| find(words.args)).or_else(|| find(EVERY))
}

pub const USAGE: &str = "用法：";
pub const SUBCOMMANDS: &str = "子命令：";
pub const ARGUMENTS: &str = "参数：";
pub const OPTIONS: &str = "选项：";
pub const POSSIBLE: &str = "可选值：";
pub const DEFAULT: &str = "默认：";
/// clap's `-h, --help` where `--help` says more than `-h`.
pub const HELP_SHORT: &str = "显示帮助（`--help` 显示全文）";
pub const HELP_LONG: &str = "显示帮助（`-h` 只显示摘要）";

/// The global options, and clap's own `--help` and `--version`.
pub const EVERY: &[(&str, &str)] = &[
    ("color", "何时为标准错误上的诊断着色"),
    (
        "lang",
        "诊断和帮助的语言：`zh`（中文）或 `en`（英文）。不给时，英文区域设置（`LC_ALL`、`LC_MESSAGES` 或 `LANG` 以 `en` 开头）用英文，其他一律用中文，`C` 和 `POSIX` 也是",
    ),
    (
        "error_format",
        "诊断写到标准错误的形式：`human`（每条附其所指的原文，最后是条数）或 `json`（每行一个对象，供脚本读取：severity、code、message、label、file、line、column、help）",
    ),
    ("help", "显示帮助"),
    ("version", "显示版本"),
];

const POLICY: &str = "政策目录，如 `policies/luoshan`";
/// `--out` of the commands that write through `kaohe::output`: what is written, and how.
macro_rules! out {
    ($what:literal) => {
        concat!(
            "把",
            $what,
            "写到 FILE，而不是标准输出（`-` 即标准输出）：要么写完整，要么不写；经链接写到其目标，\
             保留所替换文件的权限；绝不覆盖本次运行读取的文件，绝不写到设备"
        )
    };
}
const SORT_COMPACT_WINDOW: [(&str, &str); 3] = [
    ("sort", "表格各行的顺序：按名次（同分按编号）、按编号、按窗口（再按名次），或按事实文件中的顺序"),
    ("compact", "适合 100 列宽：类别用简称（表下附图例），否决和标记改为编号注释"),
    ("window", "只显示这个窗口（其编号，如 `W03`）及其工作人员"),
];

const EXIT_CODES: &str = "\
退出状态：
  0  成功（标准输出的读者提前停止时也是，如 `| head`）
  1  有文件无法读取，或输出无法写入
  2  用法：命令行本身有误（未知的选项、没有哪条记录是这个 `--id`、
     `--format` 与 `--out` 的扩展名不符）
  3  政策被拒绝（语法或检查错误，见标准错误；或在
     `check --deny-warnings` 下有警告）
  4  事实文件被拒绝（其中每个错误，见标准错误）
  5  `kaohe test`：有政策测试用例未通过（报告在标准输出上）

其他失败时，标准输出留空。文件格式见 kaohe 源代码中的 docs/io.md 和
docs/language.md（不随程序安装）；`kaohe man` 打印手册页（英文）。";

pub const COMMANDS: &[Words] = &[
    Words {
        name: "kaohe",
        about: "按纯文本的政策文件，为罗山县政务服务大厅计算考核分",
        long_about: Some(
            "按纯文本的政策文件，为罗山县政务服务大厅计算考核分。\n\n\
             政策是存放 `.rules` 文件的目录，把局里的考核评分细则逐条写成规则，每条规则注明所依据的条款。\
             事实文件是一个考核期的 JSON（格式见 kaohe 源代码中的 docs/io.md）。\
             kaohe 为每位工作人员和每个窗口精确计分，每一分都说明来由。",
        ),
        after_help: Some(EXIT_CODES),
        args: &[],
    },
    Words {
        name: "eval",
        about: "为一个考核期的事实计分：每位工作人员和每个窗口的得分与等次",
        long_about: None,
        after_help: Some(EXIT_CODES),
        args: &[
            (
                "policy",
                "政策目录，如 `policies/luoshan`：其中的 `.rules` 文件，或每个版本一个子目录。只有该季度施行的版本必须能载入；其他版本被拒绝只是警告",
            ),
            (
                "facts",
                "该季度的事实：JSON 文件（见 kaohe 源代码中的 docs/io.md），或汇总表（`.xlsx` 工作簿，含工作表 人员、窗口、说明，即 `kaohe template` 所写的），或存放其各表 CSV 文件的文件夹。年度文件（`\"period\": \"2026\"`）交给 `kaohe annual`",
            ),
            (
                "format",
                "`table` 供人在终端上读；`json` 供其他工具；`xlsx` 为工作簿（每个考核对象一张工作表，每行计分明细）。不给时由 `--out` 的扩展名决定（`.json`、`.txt`、`.xlsx`），否则为 `table`",
            ),
            ("out", out!("结果")),
            SORT_COMPACT_WINDOW[0],
            SORT_COMPACT_WINDOW[1],
            SORT_COMPACT_WINDOW[2],
        ],
    },
    Words {
        name: "gather",
        about: "由大厅的原始记录（打卡、请假、巡查记录、办件、评价）统计一个考核期的事实，每项附其依据",
        long_about: None,
        after_help: Some(
            concat!(
                "\
原始记录是一个存放 CSV 文件的文件夹（UTF-8，带或不带 BOM，或 GBK），
或一个 .xlsx 工作簿，每张表一个工作表：

",
                record_tables!(),
                "

列名也可以用英文（见 kaohe 源代码中的 docs/records.md）；其他列不读取。每张表如何统计，
由政策的 records.rules 及其日历 calendar.rules 规定。

每一行被拒绝的记录都会报出其文件或工作表、行和列，并且什么也不写。
考核期之外、或工作人员在大厅的日子之外的记录不计入，条数见标准错误上的说明。"
            ),
        ),
        args: &[
            ("policy", "政策目录，如 `policies/luoshan`：其中的统计规则和日历"),
            ("records", "原始记录：存放 CSV 文件的文件夹，或一个 `.xlsx` 工作簿"),
            ("period", "考核期：季度（`2026-Q3`）或月份（`2026-07`）"),
            ("out", "把事实写到 FILE，而不是标准输出：要么写完整，要么不写"),
        ],
    },
    Words {
        name: "explain",
        about: "显示一条记录的台账：使其得分变动的每条规则，及其条款、表述、数量和分值；各类别扣完为止的情况；总分和等次",
        long_about: None,
        after_help: Some(EXIT_CODES),
        args: &[
            ("policy", POLICY),
            ("facts", "一个季度的事实，得其台账；或一年的各季度文件（二至四个），得年度台账：各季度总分和年度否决"),
            (
                "id",
                "工作人员或窗口：编号（`S0007`、`W03`）或姓名。临时顶替人员的编号显示其所顶替的人（第十四条）",
            ),
            ("all", "每一条记录，先工作人员后窗口，依次显示（HTML 中每条一页）"),
            ("format", "`text` 供阅读；`json` 供其他工具；`html` 为可打印的页面"),
            ("out", "写到 FILE，而不是标准输出：要么写完整，要么不写"),
        ],
    },
    Words {
        name: "annual",
        about: "由各季度的事实文件汇总一年：年度总分、不参加年度考核的人员、年度否决和名额、“退回原单位”等标记",
        long_about: None,
        after_help: Some(EXIT_CODES),
        args: &[
            ("policy", POLICY),
            (
                "facts",
                "该年各季度的事实文件（一至四个，每季度一个，顺序不限）：JSON，或汇总表（`.xlsx`），或存放其 CSV 文件的文件夹",
            ),
            (
                "format",
                "`table` 供人在终端上读；`json` 供其他工具；`xlsx` 为工作簿（全年，及各季度的计分明细）。不给时由 `--out` 的扩展名决定（`.json`、`.txt`、`.xlsx`），否则为 `table`",
            ),
            ("out", out!("结果")),
            SORT_COMPACT_WINDOW[0],
            SORT_COMPACT_WINDOW[1],
            SORT_COMPACT_WINDOW[2],
            (
                "explain",
                "不显示表格，改为显示这条记录的年度台账（编号或姓名）：各季度总分、平均分，以及每项年度否决及其条款和决定它的数字（同 `kaohe explain` 给出全年的文件）",
            ),
        ],
    },
    Words {
        name: "report",
        about: "局里印发的通报：季度《考核通报》（或年度考核结果），可作 A4 打印的页面、PDF 或工作簿",
        long_about: None,
        after_help: Some(EXIT_CODES),
        args: &[
            ("policy", POLICY),
            (
                "facts",
                "事实：一个季度的文件，得该季度《考核通报》；一年的各季度文件（二至四个），得年度考核结果；或一个月的文件（`\"period\": \"2026-07\"`，附依据），得该月《考勤通报》",
            ),
            (
                "out",
                "写到 FILE：`.html`（可在 A4 上打印的页面）、`.pdf`（由本机找到的、或 KAOHE_CHROMIUM 指定的无界面 Chromium 或 Chrome 打印该页面）或 `.xlsx`（工作簿）。不给时 HTML 写到标准输出",
            ),
            ("format", "输出的形式，在 `--out` 的扩展名说明不了时"),
            ("number", "报头下的期号；默认为 `2026年第3期`（季度）或 `2026年度`"),
            ("date", "印发日期，`YYYY-MM-DD`；默认为今天"),
            (
                "office",
                "落款中的印发机关（第十七条：报局办公室通过后印发）；默认为政策标题中的局名加“办公室”",
            ),
            ("drafter", "落款下的拟稿单位，依第十条“具体工作由环境股承办”"),
        ],
    },
    Words {
        name: "check",
        about: "不用事实，解析并检查政策目录，对可能是笔误之处给出警告（带 `--deny-warnings` 时因警告而拒绝）",
        long_about: None,
        after_help: Some(EXIT_CODES),
        args: &[
            (
                "policy",
                "要检查的政策目录，如 `policies/luoshan`：一个版本的 `.rules` 文件，或每个版本一个子目录",
            ),
            ("deny_warnings", "有任何警告即拒绝该政策（退出状态 3），持续集成应如此"),
        ],
    },
    Words {
        name: "fmt",
        about: "把 `.rules` 文件改写为唯一的规范格式，保留每条注释；带 `--check` 时只显示会改变什么",
        long_about: None,
        after_help: Some(
            "\
规范格式：每层缩进 4 个空格；每行一项；一个块的各行按表格对齐（名称、
标签、类型；事实、动作、条款、表述），每列补齐到该列最宽的一格；其余
记号之间一个空格（`a + b`、`x >= 5`、`5-10`、`15%`）；作者留空行处至多
留一个空行；每条注释留在原处。条款写在下一行的规则，仍在那里分行。
详见 docs/language.md 的“Formatting”一节。

只有会改变的文件才写，并且整个写：先写到其旁边的临时文件，再改名覆盖它。
不能解析的文件报出错误、原样保留；其他文件照常格式化。",
        ),
        args: &[
            (
                "check",
                "什么也不写：显示每个会改变的文件的差异，有任何一个会改变就以状态 1 退出（供持续集成，或 `kaohe fmt --check DIR | patch -p0`）",
            ),
            (
                "paths",
                "`.rules` 文件或目录：目录下的每个 `.rules` 文件都格式化，如 `policies/luoshan` 及其所有版本",
            ),
        ],
    },
    Words {
        name: "diff",
        about: "考核办法修订施行之前：用旧政策和新政策为同一考核期的事实计分，列出总分或等次变动的每条记录（变动最大的在前），以及增加、删除或改动的规则",
        long_about: None,
        after_help: Some(EXIT_CODES),
        args: &[
            ("from", "正在施行的政策：`.rules` 文件的目录，或版本的目录"),
            ("to", "拟施行的政策，同上"),
            (
                "facts",
                "一个季度的事实文件，用两个政策分别计分。只有一个政策有的事实，另一个按 0 计，输出中会说明",
            ),
            (
                "format",
                "`table` 供人在终端上读；`json` 供其他工具。不给时由 `--out` 的扩展名决定（`.json`、`.txt`），否则为 `table`",
            ),
            ("out", out!("比较结果")),
        ],
    },
    Words {
        name: "doc",
        about: "把政策印成局里的附件评分细则（考核内容、考核要求、增减分值、依据）：中文，Markdown 或自成一体的 HTML 页面",
        long_about: None,
        after_help: Some(EXIT_CODES),
        args: &[
            ("policy", "政策目录：其中的 `.rules` 文件，或每个版本一个子目录"),
            (
                "format",
                "`md`（Markdown）作为文本阅读或比较；`html` 为一个自成一体、可在 A4 上打印的页面。不给时由 `--out` 的扩展名决定（`.md`、`.html`），否则为 `md`",
            ),
            (
                "version",
                "版本目录中要印的那个版本：其子目录名（`2026`）或施行日期（`2026-01-01`）。不给时为最新的版本",
            ),
            ("all", "印出每个版本，最早的在前"),
            ("out", out!("评分细则")),
        ],
    },
    Words {
        name: "test",
        about: "运行政策自带的测试用例（每个版本的 `tests/*.json`），并列出没有用例覆盖的规则、否决和标记",
        long_about: None,
        after_help: Some(
            "\
退出状态：
  0  每个用例都通过
  1  有文件无法读取，或报告无法写入
  2  用法：命令行本身有误
  3  政策被拒绝（语法或检查错误，见标准错误）
  5  有用例未通过：标准输出上的报告说明是哪个、如何不符

报告最后列出没有用例覆盖的每条规则、平均分、否决、标记和年度规定；
仅此不算运行失败。",
        ),
        args: &[(
            "policy",
            "政策目录，如 `policies/luoshan`：每个版本的用例在其 `tests/` 目录中，用该版本运行",
        )],
    },
    Words {
        name: "completions",
        about: "在标准输出上打印 shell 补全脚本，如 `kaohe completions bash > /usr/share/bash-completion/completions/kaohe`（补全说明为英文）",
        long_about: None,
        after_help: None,
        args: &[("shell", "shell：bash、zsh、fish、elvish 或 powershell")],
    },
    Words {
        name: "man",
        about: "在标准输出上打印手册页（roff，英文），如 `kaohe man > kaohe.1`；`kaohe man eval` 得该子命令自己的手册页",
        long_about: None,
        after_help: None,
        args: &[("subcommand", "一个子命令（`eval`、`fmt`……），得其手册页；不给时为 kaohe(1)")],
    },
    Words {
        name: "template",
        about: "为一个考核期写出待填的事实工作簿（.xlsx）：人员表和窗口表，以政策的标签作表头，名单已填好，并以数据验证在录入时发现错误",
        long_about: None,
        after_help: Some(
            "\
工作簿有工作表 人员（每位工作人员一行）和 窗口（每个窗口一行），以政策的
事实标签作表头，另有工作表 说明，写明考核期和每种单元格的填法。Excel 的
数据验证在录入时检查每个单元格（次数为整数、天数以半天计、单项金额的范围、
角色、窗口）；每个表头上的输入信息说明该填什么、由哪条规则读取。填好后，
`kaohe eval --facts 2026-Q4.xlsx` 像事实 JSON 文件一样为它计分。
见 docs/io.md 的“Facts in a spreadsheet”一节。",
        ),
        args: &[
            (
                "policy",
                "政策目录，如 `policies/luoshan`：该考核期施行的版本决定各列和数据验证",
            ),
            ("period", "工作簿所属的考核期：季度如 `2026-Q4`，或年度、月份"),
            (
                "roster",
                "要填入的名单：kaohe 源代码中 docs/records.md 所说的 `roster.csv`（工号、姓名、窗口编号、角色、进驻日期、离开日期），窗口名称取自其旁边的 `windows.csv`；或原始记录工作簿（其工作表 人员 和 窗口）",
            ),
            ("out", "把工作簿写到 FILE（`.xlsx`）：要么写完整，要么不写，绝不覆盖输入"),
        ],
    },
    Words {
        name: "help",
        about: "显示本帮助，或所给子命令的帮助",
        long_about: None,
        after_help: None,
        args: &[],
    },
];
