<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EngineWorker</name>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Cannot read or write</source>
        <translation>无法读取或写入</translation>
    </message>
    <message>
        <source>Malformed file</source>
        <translation>文件格式错误</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>不支持</translation>
    </message>
    <message>
        <source>Bad model configuration</source>
        <translation>模型配置错误</translation>
    </message>
    <message>
        <source>Pickle checkpoint refused</source>
        <translation>拒绝加载 pickle 检查点</translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation>无效输入</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>∞</source>
        <translation>∞</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore how attention heads use their RoPE dimensions.</source>
        <translation>探索注意力头如何使用其 RoPE 维度。</translation>
    </message>
    <message>
        <source>Model folder or results file (.h5) to open; demo (the default) or demo-nope opens a shipped demo model.</source>
        <translation>要打开的模型文件夹或结果文件 (.h5)；demo（默认）或 demo-nope 打开随附的演示模型。</translation>
    </message>
    <message>
        <source>The demo model is not installed (no %1); open a model folder instead.</source>
        <translation>演示模型未安装（缺少 %1）；请改为打开一个模型文件夹。</translation>
    </message>
    <message>
        <source>Render the window after loading, save it as PNG and exit.</source>
        <translation>加载后渲染窗口，保存为 PNG 并退出。</translation>
    </message>
    <message>
        <source>Head to show (-1: mean over heads).</source>
        <translation>要显示的注意力头（-1：所有头的平均）。</translation>
    </message>
    <message>
        <source>Export the figure after loading (.png or .svg) and exit.</source>
        <translation>加载后导出图表（.png 或 .svg）并退出。</translation>
    </message>
    <message>
        <source>QA data (.jsonl) for a model folder: with the model&apos;s tokenizer.json, retrieval scores are computed too.</source>
        <translation>模型文件夹的问答数据（.jsonl）：若模型有 tokenizer.json，还会计算检索分数。</translation>
    </message>
    <message>
        <source>Tab to show after loading: %1.</source>
        <translation>加载后显示的标签页：%1。</translation>
    </message>
    <message>
        <source>Answer sample n (1-based) of the QA data on the Sample page, unmasked and under --mask, before --export or --screenshot.</source>
        <translation>在“样本”标签页上回答问答数据的第 n 个样本（从 1 开始计数），分别在无掩码和 --mask 下运行，先于 --export 或 --screenshot 执行。</translation>
    </message>
    <message>
        <source>Mask for --sample (mask syntax; default none).</source>
        <translation>--sample 使用的掩码（掩码语法；默认 none）。</translation>
    </message>
    <message>
        <source>After opening the model with QA data, run every analysis (Analysis ▸ Run… with its defaults).</source>
        <translation>用问答数据打开模型后，运行所有分析（“分析 ▸ 运行…”，使用默认设置）。</translation>
    </message>
    <message>
        <source>Results file of --run-analyses (default: beside the model).</source>
        <translation>--run-analyses 的结果文件（默认：放在模型旁边）。</translation>
    </message>
    <message>
        <source>With --sample: a batch run of --mask over n samples per gold position.</source>
        <translation>与 --sample 一起使用：用 --mask 对每个正确文档位置的 n 个样本进行批量运行。</translation>
    </message>
    <message>
        <source>Take --screenshot this many seconds after start, whatever is running.</source>
        <translation>在启动后经过指定秒数时执行 --screenshot，无论当时正在运行什么。</translation>
    </message>
    <message>
        <source>Window size, e.g. 1024x768; with a unit (180x120mm, 7x5in) or with --export-all, the size of exported figures (default 180x120mm).</source>
        <translation>窗口大小，例如 1024x768；若带单位（180x120mm、7x5in）或与 --export-all 一起使用，则为导出图表的尺寸（默认 180x120mm）。</translation>
    </message>
    <message>
        <source>Write every figure the results support into the folder (made when missing) and exit; no display needed.</source>
        <translation>将结果所支持的全部图表写入该文件夹（不存在时自动创建）并退出；无需显示器。</translation>
    </message>
    <message>
        <source>Formats of --export-all, comma-separated: png, svg, pdf, csv (default all).</source>
        <translation>--export-all 的格式，以逗号分隔：png, svg, pdf, csv（默认全部）。</translation>
    </message>
    <message>
        <source>PNG resolution of exported figures (default 300).</source>
        <translation>导出图表的 PNG 分辨率（默认 300）。</translation>
    </message>
    <message>
        <source>Colour map of heatmaps: viridis (default), cividis, greys.</source>
        <translation>热图的色图：viridis（默认）、cividis、greys。</translation>
    </message>
    <message>
        <source>Figure of the --tab to show (e.g. bands: q, k, profiles; positional: distance, rho).</source>
        <translation>要显示的 --tab 所选标签页中的图表（例如 bands: q, k, profiles；positional: distance, rho）。</translation>
    </message>
    <message>
        <source>Select heads, the last one current, e.g. L1H0 or L0H2,L1H0 (Bands pins the earlier ones).</source>
        <translation>选择注意力头，最后一个为当前头，例如 L1H0 或 L0H2,L1H0（“频带”标签页会固定前面的头）。</translation>
    </message>
    <message>
        <source>Results file (.h5) to open (as the path).</source>
        <translation>要打开的结果文件（.h5）（等同于 path 参数）。</translation>
    </message>
    <message>
        <source>Open the RoPE playground (no model needed) with preset n (1: Llama-2, 2: Llama-3.1, 3: Qwen2.5, 4: Gemma, 5: the demo); --screenshot and --size then apply to it.</source>
        <translation>以预设 n 打开 RoPE 实验场（无需模型）（1：Llama-2，2：Llama-3.1，3：Qwen2.5，4：Gemma，5：演示模型）；此时 --screenshot 和 --size 作用于实验场。</translation>
    </message>
    <message>
        <source>Language of this run: en, de or zh_CN (View ▸ Language remembers one).</source>
        <translation>本次运行的语言：en、de 或 zh_CN（“视图 ▸ 语言”可长期保存所选语言）。</translation>
    </message>
    <message>
        <source>--sample: no samples to answer (open a model folder with tokenizer.json and --data QA.jsonl)</source>
        <translation>--sample：没有可回答的样本（请打开带有 tokenizer.json 的模型文件夹并使用 --data QA.jsonl）</translation>
    </message>
    <message>
        <source>--sample %1: give 1 to %2</source>
        <translation>--sample %1：请给出 1 到 %2 之间的值</translation>
    </message>
    <message>
        <source>--head %1: the model has %2 query heads (0 to %3)</source>
        <translation>--head %1：模型有 %2 个查询头（0 到 %3）</translation>
    </message>
    <message>
        <source>Train the toy experiment for n epochs on the Toy page (with its other defaults).</source>
        <translation>在“玩具实验”页训练 n 个轮次（其余采用默认设置）。</translation>
    </message>
</context>
<context>
    <name>ropescope::app::AnalysisDialog</name>
    <message>
        <source>Projection row norms</source>
        <translation>投影行范数</translation>
    </message>
    <message>
        <source>L1 norms of the query/key projection rows per dim</source>
        <translation>每个维度的查询/键投影行 L1 范数</translation>
    </message>
    <message>
        <source>Retrieval scores</source>
        <translation>检索分数</translation>
    </message>
    <message>
        <source>Attention mass of the question and answer on the documents</source>
        <translation>问题与回答落在各文档上的注意力总量</translation>
    </message>
    <message>
        <source>Utility scores</source>
        <translation>效用分数</translation>
    </message>
    <message>
        <source>A sparse query mask learned per layer (paper 1, Eq. 4); the slowest analysis</source>
        <translation>逐层学习的稀疏查询掩码（论文 1，式 4）；最慢的分析</translation>
    </message>
    <message>
        <source>QA accuracy</source>
        <translation>问答准确率</translation>
    </message>
    <message>
        <source>Answers of the unmasked model (and the mask sets)</source>
        <translation>无掩码模型（及各组掩码下）的回答</translation>
    </message>
    <message>
        <source>Frequency-band norms</source>
        <translation>频带范数</translation>
    </message>
    <message>
        <source>Query and key norms per RoPE pair (Barbero et al.)</source>
        <translation>每个 RoPE 维度对的查询和键范数（Barbero et al.）</translation>
    </message>
    <message>
        <source>Positional heads</source>
        <translation>位置头</translation>
    </message>
    <message>
        <source>Dominant dims and Spearman ρ with distance (Hong et al.)</source>
        <translation>主导维度及其与距离的 Spearman ρ（Hong et al.）</translation>
    </message>
    <message>
        <source>Rotation angles</source>
        <translation>旋转角度</translation>
    </message>
    <message>
        <source>Turns of each RoPE pair over the context</source>
        <translation>每个 RoPE 维度对在上下文内的圈数</translation>
    </message>
    <message>
        <source>with paper 1&apos;s &amp;masks (first/last head_dim/8 and /4 dims of retrieval heads)</source>
        <translation>使用论文 1 的掩码（检索头的前/后 head_dim/8 和 /4 个维度）(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Resume: keep the samples this file already holds</source>
        <translation>继续：保留此文件中已有的样本(&amp;R)</translation>
    </message>
    <message>
        <source>Run analyses</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <source>Analyses</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Samples per gold position (0: all)</source>
        <translation>每个正确文档位置的样本数（0：全部）</translation>
    </message>
    <message>
        <source>default: every position the samples hold (0,9,19 for one-passage data)</source>
        <translation>默认：样本中出现的所有位置（单段落数据为 0,9,19）</translation>
    </message>
    <message>
        <source>0-based positions of the gold document, separated by commas</source>
        <translation>正确文档的位置（从 0 开始），以逗号分隔</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Results file</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <source>RoPEScope results (*.h5)</source>
        <translation>RoPEScope 结果 (*.h5)</translation>
    </message>
    <message>
        <source>&amp;Samples per gold position:</source>
        <translation>每个正确文档位置的样本数(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Gold positions:</source>
        <translation>正确文档位置(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Output:</source>
        <translation>输出(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Choose at least one analysis.</source>
        <translation>请至少选择一项分析。</translation>
    </message>
    <message>
        <source>Gold positions are 0-based numbers separated by commas, not &apos;%1&apos;.</source>
        <translation>正确文档位置应为以逗号分隔、从 0 开始的数字，而不是“%1”。</translation>
    </message>
    <message>
        <source>Name the results file.</source>
        <translation>请为结果文件命名。</translation>
    </message>
</context>
<context>
    <name>ropescope::app::EngineWorker</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Computing projection row norms of %1</source>
        <translation>正在计算 %1 的投影行范数</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>reading results</source>
        <translation>正在读取结果</translation>
    </message>
    <message>
        <source>Saving %1</source>
        <translation>正在保存 %1</translation>
    </message>
    <message>
        <source>Analysing %1</source>
        <translation>正在分析 %1</translation>
    </message>
    <message>
        <source>loading the model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>reading the QA data</source>
        <translation>读取问答数据</translation>
    </message>
    <message>
        <source>%1 has no tokenizer.json: the QA data is not used, the analyses run on token ids</source>
        <translation>%1 没有 tokenizer.json：不使用问答数据，分析在词元 ID 上运行</translation>
    </message>
    <message>
        <source>checking the model</source>
        <translation>检查模型</translation>
    </message>
    <message>
        <source>%1: %2 tensor(s) hold NaN or infinite values (%3%4); the model&apos;s outputs will be NaN</source>
        <translation>%1：%2 个张量含有 NaN 或无穷值（%3%4）；模型的输出将为 NaN</translation>
    </message>
    <message>
        <source>Running analyses</source>
        <translation>正在运行分析</translation>
    </message>
    <message>
        <source>Training the toy experiment</source>
        <translation>正在训练玩具实验</translation>
    </message>
</context>
<context>
    <name>ropescope::app::ExportDialog</name>
    <message>
        <source>Export All Figures</source>
        <translation>导出所有图表</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>毫米</translation>
    </message>
    <message>
        <source>in</source>
        <translation>英寸</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source> DPI</source>
        <translation> DPI</translation>
    </message>
    <message>
        <source>PNG pixels per inch of paper; text keeps its point size at any DPI</source>
        <translation>每英寸纸面对应的 PNG 像素数；在任何 DPI 下文字都保持其字号</translation>
    </message>
    <message>
        <source>The colour map of heatmaps (signed values always use a diverging map centred on 0)</source>
        <translation>热图的色图（有符号数值始终使用以 0 为中心的发散色图）</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>尺寸(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Colour map:</source>
        <translation>色图(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Formats:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>%1 × %2 mm on paper; PNG %3 × %4 pixels</source>
        <translation>纸面 %1 × %2 毫米；PNG %3 × %4 像素</translation>
    </message>
    <message>
        <source> — choose at least one format</source>
        <translation> — 请至少选择一种格式</translation>
    </message>
</context>
<context>
    <name>ropescope::app::MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>RoPEScope</source>
        <translation>RoPEScope</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Results…</source>
        <translation>打开结果(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save Results As…</source>
        <translation>结果另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About RoPEScope</source>
        <translation>关于 RoPEScope(&amp;A)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Busy: cancel the running job first</source>
        <translation>忙碌：请先取消正在运行的任务</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cancelled: showing the %1 of %2 layers that were done</source>
        <translation>已取消：显示已完成的 %1/%2 层</translation>
    </message>
    <message>
        <source> · rope_scaling %1</source>
        <translation> · rope_scaling %1</translation>
    </message>
    <message>
        <source>RoPEScope — %1</source>
        <translation>RoPEScope — %1</translation>
    </message>
    <message>
        <source>Open Hugging Face model folder</source>
        <translation>打开 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <source>Open results</source>
        <translation>打开结果</translation>
    </message>
    <message>
        <source>RoPEScope results (*.h5 *.hdf5)</source>
        <translation>RoPEScope 结果 (*.h5 *.hdf5)</translation>
    </message>
    <message>
        <source>Save results</source>
        <translation>保存结果</translation>
    </message>
    <message>
        <source>RoPEScope results (*.h5)</source>
        <translation>RoPEScope 结果 (*.h5)</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>About RoPEScope</source>
        <translation>关于 RoPEScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;RoPEScope %1&lt;/h3&gt;&lt;p&gt;Explore how Rotary Position Embedding dimensions are used by the attention heads of language models.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. Plots by QCustomPlot (GPL-3.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RoPEScope %1&lt;/h3&gt;&lt;p&gt;探索语言模型的注意力头如何使用旋转位置编码 (RoPE) 的各个维度。&lt;/p&gt;&lt;p&gt;基于 GNU 通用公共许可证第 3 版或更高版本授权。图表由 QCustomPlot (GPL-3.0) 绘制。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Retrieval vs utility</source>
        <translation>检索与效用</translation>
    </message>
    <message>
        <source>Bands</source>
        <translation>频带</translation>
    </message>
    <message>
        <source>Angles</source>
        <translation>角度</translation>
    </message>
    <message>
        <source>QA</source>
        <translation>问答</translation>
    </message>
    <message>
        <source>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;See how attention heads use their RoPE dimensions.&lt;/p&gt;&lt;p&gt;Open a Hugging Face model folder (config.json + safetensors) with &lt;b&gt;File ▸ Open Model…&lt;/b&gt;, or drop the folder here. With QA data (&lt;b&gt;File ▸ Choose QA Data…&lt;/b&gt;) and the model&apos;s tokenizer.json, retrieval scores are computed too.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;查看注意力头如何使用其 RoPE 维度。&lt;/p&gt;&lt;p&gt;通过&lt;b&gt;文件 ▸ 打开模型…&lt;/b&gt;打开 Hugging Face 模型文件夹（config.json + safetensors），或将文件夹拖放到此处。若提供问答数据（&lt;b&gt;文件 ▸ 选择问答数据…&lt;/b&gt;）且模型有 tokenizer.json，还会计算检索分数。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Choose QA &amp;Data…</source>
        <translation>选择问答数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Cancelled: showing the analyses that finished</source>
        <translation>已取消：显示已完成的分析</translation>
    </message>
    <message>
        <source>%1: the %2 tab has nothing to export</source>
        <translation>%1：“%2”标签页没有可导出的内容</translation>
    </message>
    <message>
        <source>Choose QA data</source>
        <translation>选择问答数据</translation>
    </message>
    <message>
        <source>QA data (*.jsonl *.jsonl.gz);;All files (*)</source>
        <translation>问答数据 (*.jsonl *.jsonl.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>QA data %1 is used for the next model you open</source>
        <translation>问答数据 %1 将用于下一个打开的模型</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Answered sample %1 in %2 ms</source>
        <translation>已在 %2 毫秒内回答样本 %1</translation>
    </message>
    <message>
        <source>Positional</source>
        <translation>位置头</translation>
    </message>
    <message>
        <source>What the views show: the live model or a results file</source>
        <translation>视图显示的内容：已加载模型或结果文件</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2/%3</translation>
    </message>
    <message>
        <source> · about %1 s left</source>
        <translation> · 约剩 %1 秒</translation>
    </message>
    <message>
        <source>Open Re&amp;cent</source>
        <translation>最近打开(&amp;C)</translation>
    </message>
    <message>
        <source>Export &amp;All Figures…</source>
        <translation>导出所有图表(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>运行(&amp;R)…</translation>
    </message>
    <message>
        <source>Run the analyses (retrieval, utility, QA accuracy, ...) on the live model and its QA data</source>
        <translation>在已加载模型及其问答数据上运行各项分析（检索、效用、问答准确率等）</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>RoPE &amp;Playground</source>
        <translation>RoPE 实验场(&amp;P)</translation>
    </message>
    <message>
        <source>What RoPE does, without a model: frequencies, wavelengths and rotations for any base θ, head size, context and scaling</source>
        <translation>RoPE 的作用，无需模型：任意底数 θ、头大小、上下文长度和缩放下的频率、波长与旋转</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Clear the List</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Opening %1 with %2…</source>
        <translation>正在打开 %1（使用 %2）…</translation>
    </message>
    <message>
        <source>Analyses run on a live model opened with QA data and its tokenizer.json: open one first.</source>
        <translation>分析需在用问答数据打开且带有 tokenizer.json 的已加载模型上运行：请先打开这样的模型。</translation>
    </message>
    <message>
        <source>Running analyses into %1…</source>
        <translation>正在运行分析，写入 %1…</translation>
    </message>
    <message>
        <source>Batch: %1 samples per gold position into %2…</source>
        <translation>批量：每个正确文档位置 %1 个样本，写入 %2…</translation>
    </message>
    <message>
        <source>%1 (live model)</source>
        <translation>%1（已加载模型）</translation>
    </message>
    <message>
        <source>%1 (results file)</source>
        <translation>%1（结果文件）</translation>
    </message>
    <message>
        <source>Added the analyses of %1 to the live model&apos;s views</source>
        <translation>已将 %1 中的分析添加到已加载模型的视图</translation>
    </message>
    <message>
        <source>%1 holds results of another model (%2): shown beside the live model, which the Sample page keeps using; switch with the selector at the top right</source>
        <translation>%1 包含另一个模型（%2）的结果：与已加载模型并列显示，“样本”标签页仍使用已加载模型；可用右上角的选择器切换</translation>
    </message>
    <message>
        <source>Showing %1</source>
        <translation>正在显示 %1</translation>
    </message>
    <message>
        <source>Batch cancelled: %1 keeps the samples that finished</source>
        <translation>批量运行已取消：%1 保留已完成的样本</translation>
    </message>
    <message>
        <source>Batch written to %1</source>
        <translation>批量结果已写入 %1</translation>
    </message>
    <message>
        <source>Cancelled: %1 keeps what finished; Analysis ▸ Run… with Resume continues it</source>
        <translation>已取消：%1 保留已完成的部分；通过“分析 ▸ 运行…”并勾选“继续”可接着运行</translation>
    </message>
    <message>
        <source>Analyses written to %1</source>
        <translation>分析结果已写入 %1</translation>
    </message>
    <message>
        <source>L%1H%2</source>
        <translation>L%1H%2</translation>
    </message>
    <message>
        <source> · retrieval %1</source>
        <translation> · 检索 %1</translation>
    </message>
    <message>
        <source> · utility first %1: %2, last %1: %3</source>
        <translation> · 效用 前 %1：%2，后 %1：%3</translation>
    </message>
    <message>
        <source> · ρ %1</source>
        <translation> · ρ %1</translation>
    </message>
    <message>
        <source>Live model %1</source>
        <translation>已加载模型 %1</translation>
    </message>
    <message>
        <source>Results file %1 of model %2</source>
        <translation>模型 %2 的结果文件 %1</translation>
    </message>
    <message>
        <source> · %1 · %2 layers · %3 query heads, %4 KV heads · head_dim %5 · hidden %6</source>
        <translation> · %1 · %2 层 · %3 个查询头，%4 个 KV 头 · head_dim %5 · 隐藏维度 %6</translation>
    </message>
    <message>
        <source> · θ = %1</source>
        <translation> · θ = %1</translation>
    </message>
    <message>
        <source> · no rotary position embedding</source>
        <translation> · 无旋转位置编码</translation>
    </message>
    <message>
        <source>no QA data</source>
        <translation>无问答数据</translation>
    </message>
    <message>
        <source>QA data %1</source>
        <translation>问答数据 %1</translation>
    </message>
    <message>
        <source>run on token ids</source>
        <translation>在词元 ID 上运行</translation>
    </message>
    <message>
        <source> · with the analyses of %1</source>
        <translation> · 含 %1 中的分析</translation>
    </message>
    <message>
        <source> · live model (Sample page): %1</source>
        <translation> · 已加载模型（“样本”标签页）：%1</translation>
    </message>
    <message>
        <source>%1: unknown figure format; use .png, .svg, .pdf or .csv</source>
        <translation>%1：未知的图像格式；请使用 .png、.svg、.pdf 或 .csv</translation>
    </message>
    <message>
        <source>%1: no figure format chosen</source>
        <translation>%1：未选择图像格式</translation>
    </message>
    <message>
        <source>%1: cannot make the folder</source>
        <translation>%1：无法创建文件夹</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: no tab has a figure to export</source>
        <translation>%1：没有标签页有可导出的图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf);;CSV 数据 (*.csv)</translation>
    </message>
    <message>
        <source>Export all figures into</source>
        <translation>将所有图表导出到</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) into %1</source>
        <translation>
            <numerusform>已将 %n 个文件导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>RoPEScope will speak %1 from its next start.</source>
        <translation>下次启动后，RoPEScope 将使用 %1。</translation>
    </message>
    <message>
        <source>&amp;Colour Map</source>
        <translation>色图(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Viridis</source>
        <translation>Viridis(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Cividis (colour-blind safe)</source>
        <translation>Cividis（色盲友好）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Greys (print)</source>
        <translation>灰度（打印）(&amp;G)</translation>
    </message>
    <message>
        <source>Heatmaps of signed values (ρ) use a diverging map centred on 0 whatever is chosen here</source>
        <translation>无论此处选择什么，有符号数值（ρ）的热图都使用以 0 为中心的发散色图</translation>
    </message>
    <message>
        <source>Toy</source>
        <translation>玩具实验</translation>
    </message>
    <message>
        <source>Toy experiment cancelled; the epochs done are in %1</source>
        <translation>玩具实验已取消；已完成的轮次保存在 %1</translation>
    </message>
    <message>
        <source>Toy experiment saved in %1</source>
        <translation>玩具实验已保存到 %1</translation>
    </message>
    <message>
        <source>&amp;Toy Experiment</source>
        <translation>玩具实验(&amp;T)</translation>
    </message>
    <message>
        <source>Paper 1&apos;s controlled experiment: one head learns with and without RoPE (no model needed)</source>
        <translation>论文 1 的对照实验：一个注意力头在有无 RoPE 的情况下学习（无需模型）</translation>
    </message>
    <message>
        <source>Training the toy experiment into %1…</source>
        <translation>正在训练玩具实验，写入 %1…</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>%1 (live)</source>
        <translation>%1（已加载）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ropescope::app::PlaygroundWindow</name>
    <message>
        <source>RoPE Playground — RoPEScope</source>
        <translation>RoPE 实验场 — RoPEScope</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) &amp;Heatmap…</source>
        <translation>cos(θᵢ·Δ) 热图(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Curves…</source>
        <translation>曲线(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Wavelengths…</source>
        <translation>波长(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Rotation…</source>
        <translation>旋转(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>%1: unknown figure format; use .png or .svg</source>
        <translation>%1：未知的图像格式；请使用 .png 或 .svg</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>RoPEScope</source>
        <translation>RoPEScope</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::AnglesView</name>
    <message>
        <source>Needs rotation angles (/angles/turns).</source>
        <translation>需要旋转角度（/angles/turns）。</translation>
    </message>
    <message>
        <source>pair %1 (dims %2, %3): %4 turns</source>
        <translation>第 %1 对（维度 %2、%3）：%4 圈</translation>
    </message>
    <message>
        <source>
θ = %1 rad per token</source>
        <translation>
θ = 每词元 %1 弧度</translation>
    </message>
    <message>
        <source>
wavelength %1 tokens</source>
        <translation>
波长 %1 个词元</translation>
    </message>
    <message>
        <source>
wraps past 2π</source>
        <translation>
超过 2π</translation>
    </message>
    <message>
        <source>
stays within one turn</source>
        <translation>
不超过一圈</translation>
    </message>
    <message>
        <source>wraps past 2π (%1 pairs)</source>
        <translation>超过 2π（%1 对）</translation>
    </message>
    <message>
        <source>stays within one turn (%1 pairs)</source>
        <translation>不超过一圈（%1 对）</translation>
    </message>
    <message>
        <source>1 turn (2π)</source>
        <translation>1 圈 (2π)</translation>
    </message>
    <message>
        <source>pair i (frequency order: dims 2i, 2i+1; highest frequency first)</source>
        <translation>第 i 对（频率顺序：维度 2i、2i+1；最高频率在前）</translation>
    </message>
    <message>
        <source>turns over the context (angle / 2π)</source>
        <translation>上下文内的圈数（角度 / 2π）</translation>
    </message>
    <message>
        <source>No rotation angles</source>
        <translation>无旋转角度</translation>
    </message>
    <message>
        <source>Turns of each RoPE pair over %1 tokens</source>
        <translation>每个 RoPE 维度对在 %1 个词元内的圈数</translation>
    </message>
    <message>
        <source>Turns of each RoPE pair over the context</source>
        <translation>每个 RoPE 维度对在上下文内的圈数</translation>
    </message>
    <message>
        <source>This model has no rotary position embedding (NoPE): no pair rotates</source>
        <translation>此模型没有旋转位置编码（NoPE）：没有维度对会旋转</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::BandsView</name>
    <message>
        <source>, over %1 tokens</source>
        <translation>，基于 %1 个词元</translation>
    </message>
    <message>
        <source>pair i (frequency order: dims 2i, 2i+1; highest frequency first)</source>
        <translation>第 i 对（频率顺序：维度 2i、2i+1；最高频率在前）</translation>
    </message>
    <message>
        <source>Queries (q)</source>
        <translation>查询 (q)</translation>
    </message>
    <message>
        <source>Mean 2-norm of each query pair — %1</source>
        <translation>每个查询维度对的平均 2-范数 — %1</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>对</translation>
    </message>
    <message>
        <source>q pair norm</source>
        <translation>q 维度对范数</translation>
    </message>
    <message>
        <source>Keys (k)</source>
        <translation>键 (k)</translation>
    </message>
    <message>
        <source>Mean 2-norm of each key pair — %1</source>
        <translation>每个键维度对的平均 2-范数 — %1</translation>
    </message>
    <message>
        <source>k pair norm</source>
        <translation>k 维度对范数</translation>
    </message>
    <message>
        <source>Needs frequency-band norms (/bands/q_norm and /bands/k_norm).</source>
        <translation>需要频带范数（/bands/q_norm 和 /bands/k_norm）。</translation>
    </message>
    <message>
        <source>Layer heatmap</source>
        <translation>层热图</translation>
    </message>
    <message>
        <source>Head profiles</source>
        <translation>头曲线</translation>
    </message>
    <message>
        <source>pair index</source>
        <translation>维度对索引</translation>
    </message>
    <message>
        <source>wavelength (log)</source>
        <translation>波长（对数）</translation>
    </message>
    <message>
        <source>&amp;Pin Selected Head</source>
        <translation>固定所选头(&amp;P)</translation>
    </message>
    <message>
        <source>Keep the selected head&apos;s profile while other heads are selected (up to 8)</source>
        <translation>选择其他头时保留所选头的曲线（最多 8 个）</translation>
    </message>
    <message>
        <source>C&amp;lear Pins</source>
        <translation>清除固定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation>X 轴(&amp;X)：</translation>
    </message>
    <message>
        <source>mean pair norm</source>
        <translation>维度对平均范数</translation>
    </message>
    <message>
        <source>pair i (0 fastest)</source>
        <translation>第 i 对（0 为最快）</translation>
    </message>
    <message>
        <source>pair i (dims 2i, 2i+1; the model has no rotary position embedding)</source>
        <translation>第 i 对（维度 2i、2i+1；该模型没有旋转位置编码）</translation>
    </message>
    <message>
        <source>queries (q)</source>
        <translation>查询 (q)</translation>
    </message>
    <message>
        <source>keys (k, the head&apos;s KV group)</source>
        <translation>键（k，该头所属的 KV 组）</translation>
    </message>
    <message>
        <source>wavelength 2π/θᵢ (tokens, log)</source>
        <translation>波长 2π/θᵢ（词元，对数）</translation>
    </message>
    <message>
        <source>No frequency-band norms</source>
        <translation>无频带范数</translation>
    </message>
    <message>
        <source>layer %1, mean over heads</source>
        <translation>第 %1 层，所有头的平均</translation>
    </message>
    <message>
        <source>positional ← | → semantic</source>
        <translation>位置 ← | → 语义</translation>
    </message>
    <message>
        <source>Band norms per pair; pairs %1 and slower have wavelengths beyond the %2-token context</source>
        <translation>各维度对的频带范数；第 %1 对及更慢的维度对的波长超出 %2 个词元的上下文</translation>
    </message>
    <message>
        <source>Band norms per pair</source>
        <translation>各维度对的频带范数</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::CompareView</name>
    <message>
        <source>Mean q-row L1 norm</source>
        <translation>q 行 L1 范数均值</translation>
    </message>
    <message>
        <source>Mean utility</source>
        <translation>平均效用</translation>
    </message>
    <message>
        <source>Mean q band norm</source>
        <translation>q 频带范数均值</translation>
    </message>
    <message>
        <source>dim index</source>
        <translation>维度索引</translation>
    </message>
    <message>
        <source>relative position in the head</source>
        <translation>在头中的相对位置</translation>
    </message>
    <message>
        <source>wavelength (log)</source>
        <translation>波长（对数）</translation>
    </message>
    <message>
        <source>Models of different head_dim line up by relative position or by wavelength</source>
        <translation>head_dim 不同的模型按相对位置或按波长对齐</translation>
    </message>
    <message>
        <source>Retrieval score</source>
        <translation>检索分数</translation>
    </message>
    <message>
        <source>Positional ρ</source>
        <translation>位置 ρ</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>曲线(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation>X 轴(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Overview:</source>
        <translation>概览(&amp;O)：</translation>
    </message>
    <message>
        <source>Open two or more results files (File ▸ Open Results…) to compare their models.</source>
        <translation>打开两个或更多结果文件（文件 ▸ 打开结果…）以比较其模型。</translation>
    </message>
    <message>
        <source>dim (frequency order: 0 fastest)</source>
        <translation>维度（频率顺序：0 最快）</translation>
    </message>
    <message>
        <source>relative position in the head (0 fastest, 1 slowest)</source>
        <translation>在头中的相对位置（0 最快，1 最慢）</translation>
    </message>
    <message>
        <source>wavelength of the dim&apos;s pair (tokens, log)</source>
        <translation>该维度所在维度对的波长（词元，对数）</translation>
    </message>
    <message>
        <source>mean query-row L1 norm</source>
        <translation>查询行 L1 范数均值</translation>
    </message>
    <message>
        <source>mean utility</source>
        <translation>平均效用</translation>
    </message>
    <message>
        <source>mean query band norm</source>
        <translation>查询频带范数均值</translation>
    </message>
    <message>
        <source>Mean query-row L1 norm</source>
        <translation>查询行 L1 范数均值</translation>
    </message>
    <message>
        <source>Mean query band norm</source>
        <translation>查询频带范数均值</translation>
    </message>
    <message>
        <source>%1 per dimension, one line per model (paper 1, Fig. 2)</source>
        <translation>各维度的%1，每个模型一条线（论文 1，图 2）</translation>
    </message>
    <message>
        <source>No model holds this profile</source>
        <translation>没有模型包含此曲线</translation>
    </message>
    <message>
        <source>Positional ρ per head, one colour scale for every model</source>
        <translation>各头的位置 ρ，所有模型共用一个色标</translation>
    </message>
    <message>
        <source>Retrieval score per head, one colour scale for every model</source>
        <translation>各头的检索分数，所有模型共用一个色标</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>Spearman ρ</translation>
    </message>
    <message>
        <source>retrieval score</source>
        <translation>检索分数</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>No model holds this overview</source>
        <translation>没有模型包含此概览</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::DimensionsView</name>
    <message>
        <source>&amp;Measure:</source>
        <translation>度量(&amp;M)：</translation>
    </message>
    <message>
        <source>Utility u</source>
        <translation>效用 u</translation>
    </message>
    <message>
        <source>Utility u of each dimension — %1</source>
        <translation>每个维度的效用 u — %1</translation>
    </message>
    <message>
        <source>dimension (frequency order: pair i = dims 2i, 2i+1)</source>
        <translation>维度（频率顺序：第 i 对 = 维度 2i、2i+1）</translation>
    </message>
    <message>
        <source>dim</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>utility u (1 = needed)</source>
        <translation>效用 u（1 = 必需）</translation>
    </message>
    <message>
        <source>Needs projection-row norms (/weights) or utility scores (/utility/u).</source>
        <translation>需要投影行范数（/weights）或效用分数（/utility/u）。</translation>
    </message>
    <message>
        <source>Projection-row L1 norms</source>
        <translation>投影行 L1 范数</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::HeadsView</name>
    <message>
        <source>&amp;Measure:</source>
        <translation>度量(&amp;M)：</translation>
    </message>
    <message>
        <source>Retrieval score</source>
        <translation>检索分数</translation>
    </message>
    <message>
        <source>Retrieval score per head: attention on the instruction and documents</source>
        <translation>每个注意力头的检索分数：对指令和文档的注意力</translation>
    </message>
    <message>
        <source>retrieval score</source>
        <translation>检索分数</translation>
    </message>
    <message>
        <source>Positional ρ</source>
        <translation>位置 ρ</translation>
    </message>
    <message>
        <source>Positional heads: Spearman ρ of distance against the dominant pair</source>
        <translation>位置头：距离与主导维度对的 Spearman ρ</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>Spearman ρ</translation>
    </message>
    <message>
        <source>Utility of the first %1 dims</source>
        <translation>前 %1 个维度的效用</translation>
    </message>
    <message>
        <source>Mean utility of each head&apos;s first %1 dims (highest frequencies)</source>
        <translation>每个头前 %1 个维度的平均效用（最高频率）</translation>
    </message>
    <message>
        <source>utility</source>
        <translation>效用</translation>
    </message>
    <message>
        <source>Utility of the last %1 dims</source>
        <translation>后 %1 个维度的效用</translation>
    </message>
    <message>
        <source>Mean utility of each head&apos;s last %1 dims (lowest frequencies)</source>
        <translation>每个头后 %1 个维度的平均效用（最低频率）</translation>
    </message>
    <message>
        <source>Needs per-head scores: retrieval (/retrieval/score, from a run on QA data) or positional (/positional/rho).</source>
        <translation>需要每个头的分数：检索（/retrieval/score，来自问答数据上的运行）或位置（/positional/rho）。</translation>
    </message>
    <message>
        <source>No per-head scores</source>
        <translation>无头分数</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>无值</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2：%3</translation>
    </message>
    <message>
        <source>Click a head (or move with the arrow keys) to select it in the other views.</source>
        <translation>单击一个头（或用方向键移动）即可在其他视图中选中它。</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::HeatmapView</name>
    <message>
        <source>no value</source>
        <translation>无数值</translation>
    </message>
    <message>
        <source>row %1, col %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::LayerSliceView</name>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>Mean over heads</source>
        <translation>所有头的平均</translation>
    </message>
    <message>
        <source>KV head %1</source>
        <translation>KV 头 %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>Nothing to show</source>
        <translation>无可显示内容</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>mean over heads</source>
        <translation>所有头的平均</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>无值</translation>
    </message>
    <message>
        <source>layer %1, %2, %3 %4: %5</source>
        <translation>第 %1 层，%2，%3 %4：%5</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::PlotExport</name>
    <message>
        <source>cannot write: no file name given</source>
        <translation>无法写入：未给出文件名</translation>
    </message>
    <message>
        <source>cannot write: size %1x%2 is not positive</source>
        <translation>无法写入：尺寸 %1x%2 不是正数</translation>
    </message>
    <message>
        <source>cannot write: scale %1 is not positive</source>
        <translation>无法写入：缩放 %1 不是正数</translation>
    </message>
    <message>
        <source>cannot write: %1x%2 at scale %3 exceeds %4 pixels a side</source>
        <translation>无法写入：%1x%2 在缩放 %3 下超过每边 %4 像素</translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <source>unknown figure format &apos;%1&apos; in &apos;%2&apos;; use png, svg, pdf or csv</source>
        <translation>“%2”中的图像格式“%1”未知；请使用 png、svg、pdf 或 csv</translation>
    </message>
    <message>
        <source>figure format &apos;%1&apos; is named twice in &apos;%2&apos;</source>
        <translation>图像格式“%1”在“%2”中出现了两次</translation>
    </message>
    <message>
        <source>figure size &apos;%1&apos; is not WIDTHxHEIGHT with mm, in or px (e.g. 180x120mm)</source>
        <translation>图表尺寸“%1”不符合“宽x高”加 mm、in 或 px 的格式（例如 180x120mm）</translation>
    </message>
    <message>
        <source>figure size &apos;%1&apos; is not positive</source>
        <translation>图表尺寸“%1”不是正数</translation>
    </message>
    <message>
        <source>%1 DPI is outside %2 to %3</source>
        <translation>%1 DPI 超出 %2 到 %3 的范围</translation>
    </message>
    <message>
        <source>size %1 is not positive</source>
        <translation>尺寸 %1 不是正数</translation>
    </message>
    <message>
        <source>size %1 is too small (at least %2 mm a side)</source>
        <translation>尺寸 %1 过小（每边至少 %2 毫米）</translation>
    </message>
    <message>
        <source>%1 rendering failed</source>
        <translation>%1 渲染失败</translation>
    </message>
    <message>
        <source>cannot write: size %1 at %2 DPI exceeds %3 pixels a side</source>
        <translation>无法写入：尺寸 %1 在 %2 DPI 下超过每边 %3 像素</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::PositionalView</name>
    <message>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>ρ</source>
        <translation>ρ</translation>
    </message>
    <message>
        <source>dominant pair</source>
        <translation>主导维度对</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Spearman ρ of token distance against the dominant pair</source>
        <translation>词元距离与主导维度对的 Spearman ρ</translation>
    </message>
    <message>
        <source>The pair (frequency order, 0 fastest) that dominates q·k most often</source>
        <translation>最常主导 q·k 的维度对（频率顺序，0 为最快）</translation>
    </message>
    <message>
        <source>Share of analysed (query, key) pairs it dominates</source>
        <translation>它所主导的（查询，键）对占已分析对的比例</translation>
    </message>
    <message>
        <source>%1: ρ %2, dominant %3 %4</source>
        <translation>%1：ρ %2，主导%3 %4</translation>
    </message>
    <message>
        <source>token distance (query − key)</source>
        <translation>词元距离（查询 − 键）</translation>
    </message>
    <message>
        <source>dim</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>维度对</translation>
    </message>
    <message>
        <source>dominant %1</source>
        <translation>主导%1</translation>
    </message>
    <message>
        <source>Spearman ρ of distance against the dominant %1</source>
        <translation>距离与主导%1的 Spearman ρ</translation>
    </message>
    <message>
        <source>Spearman ρ</source>
        <translation>Spearman ρ</translation>
    </message>
    <message>
        <source>%1 (query, key) pairs per head from %2 sequences; sorted by |ρ|. Click a row to select the head.</source>
        <translation>每个头 %1 个（查询，键）对，来自 %2 个序列；按 |ρ| 排序。单击一行可选中该头。</translation>
    </message>
    <message>
        <source>Sorted by |ρ|. Click a row to select the head.</source>
        <translation>按 |ρ| 排序。单击一行可选中该头。</translation>
    </message>
    <message>
        <source>No positional heads</source>
        <translation>无位置头</translation>
    </message>
    <message>
        <source>Needs positional heads (/positional/rho): run the positional analysis.</source>
        <translation>需要位置头（/positional/rho）：请运行 positional 分析。</translation>
    </message>
    <message>
        <source>No dominant-pair-by-distance data in these results</source>
        <translation>这些结果中没有按距离统计的主导维度对数据</translation>
    </message>
    <message>
        <source>selected head</source>
        <translation>所选头</translation>
    </message>
    <message>
        <source>%1 (ρ = %2)</source>
        <translation>%1（ρ = %2）</translation>
    </message>
    <message>
        <source>mean dominant %1 (0 = fastest)</source>
        <translation>平均主导%1（0 为最快）</translation>
    </message>
    <message>
        <source>Dominant %1 against token distance: %2</source>
        <translation>主导%1与词元距离的关系：%2</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::QaSampleView</name>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>&amp;Sample:</source>
        <translation>样本(&amp;S)：</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / %1</translation>
    </message>
    <message>
        <source>gold document %1 of %2</source>
        <translation>正确文档：第 %1 篇，共 %2 篇</translation>
    </message>
    <message>
        <source>no gold document (%1 documents)</source>
        <translation>无正确文档（共 %1 篇文档）</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>%1 prompt tokens</source>
        <translation>提示共 %1 个词元</translation>
    </message>
    <message>
        <source>Question: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Correct answer: %1</source>
        <translation>正确答案：%1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Needs a model folder with tokenizer.json opened with QA data (File ▸ Choose QA Data…).</source>
        <translation>需要用问答数据打开带有 tokenizer.json 的模型文件夹（文件 ▸ 选择问答数据…）。</translation>
    </message>
    <message>
        <source>Run a mask to see where the answer looks</source>
        <translation>运行一个掩码，查看回答关注何处</translation>
    </message>
    <message>
        <source>No samples</source>
        <translation>没有样本</translation>
    </message>
    <message>
        <source>mean over the retrieval heads (score &gt; 0.5): %1</source>
        <translation>检索头（分数 &gt; 0.5）的平均：%1</translation>
    </message>
    <message>
        <source>no head scores above 0.5: mean over the highest-scoring heads %1</source>
        <translation>没有分数高于 0.5 的注意力头：取分数最高的头 %1 的平均</translation>
    </message>
    <message>
        <source>mean over all heads (no retrieval scores)</source>
        <translation>所有头的平均（无检索分数）</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>Retrieval heads</source>
        <translation>检索头</translation>
    </message>
    <message>
        <source>Selected head</source>
        <translation>所选头</translation>
    </message>
    <message>
        <source>Selected head&apos;s layer</source>
        <translation>所选头所在的层</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>所有头</translation>
    </message>
    <message>
        <source>The heads whose attention on each document the bars average</source>
        <translation>柱形对哪些头在各文档上的注意力取平均</translation>
    </message>
    <message>
        <source>Answer the sample under the mask (Enter in the mask field)</source>
        <translation>在掩码下回答该样本（在掩码输入框中按 Enter）</translation>
    </message>
    <message>
        <source> per position</source>
        <translation> 个/位置</translation>
    </message>
    <message>
        <source>Samples per gold position of a batch run</source>
        <translation>批量运行中每个正确文档位置的样本数</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>批量(&amp;B)</translation>
    </message>
    <message>
        <source>Answer many samples per gold position under the mask and unmasked, on the engine thread, and show the accuracy as paper 1&apos;s Table 2</source>
        <translation>在引擎线程上以加掩码和无掩码两种方式回答每个正确文档位置的多个样本，并按论文 1 表 2 的形式显示准确率</translation>
    </message>
    <message>
        <source>Accuracy by gold document position (1 = first) of the batch runs</source>
        <translation>批量运行按正确文档位置（1 = 第一个）统计的准确率</translation>
    </message>
    <message>
        <source>log p(gold)</source>
        <translation>log p(正确答案)</translation>
    </message>
    <message>
        <source>Log-probability of the gold answer&apos;s first token at the answer position</source>
        <translation>正确答案首个词元在回答位置上的对数概率</translation>
    </message>
    <message>
        <source>&amp;Bars average:</source>
        <translation>柱形平均范围(&amp;B)：</translation>
    </message>
    <message>
        <source>%1
%2 heads changed by the mask</source>
        <translation>%1
掩码改变了 %2 个头</translation>
    </message>
    <message>
        <source>already in the table</source>
        <translation>已在表中</translation>
    </message>
    <message>
        <source>&lt;b&gt;Batch&lt;/b&gt;: accuracy by position of the gold document (1 = first), %1 samples per position%2</source>
        <translation>&lt;b&gt;批量&lt;/b&gt;：按正确文档位置（1 = 第一个）统计的准确率，每个位置 %1 个样本%2</translation>
    </message>
    <message>
        <source> (%1 answered)</source>
        <translation>（已回答 %1）</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>&lt;br&gt;saved to %1</source>
        <translation>&lt;br&gt;已保存到 %1</translation>
    </message>
    <message>
        <source>Accuracy by gold document position (1 = first) of the batch runs, saved to %1</source>
        <translation>批量运行按正确文档位置（1 = 第一个）统计的准确率，已保存到 %1</translation>
    </message>
    <message>
        <source>document (1 = first; the gold one shaded)</source>
        <translation>文档（1 = 第一个；正确文档以阴影标出）</translation>
    </message>
    <message>
        <source>answer&apos;s attention</source>
        <translation>回答的注意力</translation>
    </message>
    <message>
        <source>The selected run is compared with the unmasked run of its sample.</source>
        <translation>所选运行将与同一样本的无掩码运行进行比较。</translation>
    </message>
    <message>
        <source>unmasked</source>
        <translation>无掩码</translation>
    </message>
    <message>
        <source>under the mask</source>
        <translation>加掩码</translation>
    </message>
    <message>
        <source>no head chosen: select a head (Heads tab or the mask grid)</source>
        <translation>未选择头：请选择一个头（“头”标签页或掩码网格）</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>mean over the heads of layer %1</source>
        <translation>第 %1 层所有头的平均</translation>
    </message>
    <message>
        <source>mean over all heads</source>
        <translation>所有头的平均</translation>
    </message>
    <message>
        <source>Sample %1 · answer %2 %3 · %4</source>
        <translation>样本 %1 · 回答 %2 %3 · %4</translation>
    </message>
    <message>
        <source>%1 %2 · log p(“%3”) = %4</source>
        <translation>%1 %2 · log p(“%3”) = %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unmasked:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无掩码：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Unmasked:&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;Masked&lt;/b&gt; (%2): %3</source>
        <translation>&lt;b&gt;无掩码：&lt;/b&gt;%1&lt;br&gt;&lt;b&gt;加掩码&lt;/b&gt;（%2）：%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Masked&lt;/b&gt; (%1): %2&lt;br&gt;the unmasked run of this sample is on its way…</source>
        <translation>&lt;b&gt;加掩码&lt;/b&gt;（%1）：%2&lt;br&gt;该样本的无掩码运行正在进行…</translation>
    </message>
    <message>
        <source>fix the mask to run</source>
        <translation>请先修正掩码再运行</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::QaView</name>
    <message>
        <source>Needs QA accuracy (/qa/&lt;setup&gt;/accuracy): run the qa analysis on QA data.</source>
        <translation>需要问答准确率（/qa/&lt;setup&gt;/accuracy）：请在问答数据上运行 qa 分析。</translation>
    </message>
    <message>
        <source>no mask</source>
        <translation>无掩码</translation>
    </message>
    <message>
        <source>position of the gold document (1 = first)</source>
        <translation>正确文档的位置（1 = 第一个）</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>QA accuracy by position of the gold document</source>
        <translation>按正确文档位置的问答准确率</translation>
    </message>
    <message>
        <source>No QA results</source>
        <translation>无问答结果</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::ResultsPane</name>
    <message>
        <source>%1: this page has no data to export</source>
        <translation>%1：此页面没有可导出的数据</translation>
    </message>
    <message>
        <source>%1: this page has no plot to export</source>
        <translation>%1：此页面没有可导出的图表</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::RetrievalScatterView</name>
    <message>
        <source>Hover a point to name its head; click to select it.</source>
        <translation>悬停在点上可显示其头；单击可选中。</translation>
    </message>
    <message>
        <source>Utility of:</source>
        <translation>效用：</translation>
    </message>
    <message>
        <source>retrieval score</source>
        <translation>检索分数</translation>
    </message>
    <message>
        <source>Needs retrieval scores and utility scores (/retrieval/utility_first, /retrieval/utility_last): run the retrieval and utility analyses on QA data.</source>
        <translation>需要检索分数和效用分数（/retrieval/utility_first、/retrieval/utility_last）：请在问答数据上运行 retrieval 和 utility 分析。</translation>
    </message>
    <message>
        <source>%1: retrieval score %2, utility %3</source>
        <translation>%1：检索分数 %2，效用 %3</translation>
    </message>
    <message>
        <source>first %1 dims</source>
        <translation>前 %1 个维度</translation>
    </message>
    <message>
        <source>last %1 dims</source>
        <translation>后 %1 个维度</translation>
    </message>
    <message>
        <source>mean utility of the last %1 dims</source>
        <translation>后 %1 个维度的平均效用</translation>
    </message>
    <message>
        <source>mean utility of the first %1 dims</source>
        <translation>前 %1 个维度的平均效用</translation>
    </message>
    <message>
        <source>No retrieval and utility scores</source>
        <translation>无检索和效用分数</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>头</translation>
    </message>
    <message>
        <source>least squares</source>
        <translation>最小二乘</translation>
    </message>
    <message>
        <source>heads (%1)</source>
        <translation>头（%1）</translation>
    </message>
    <message>
        <source>least squares: y = %1 x %2 %3, Pearson r = %4</source>
        <translation>最小二乘：y = %1 x %2 %3，Pearson r = %4</translation>
    </message>
    <message>
        <source>least squares: undefined (fewer than two distinct scores)</source>
        <translation>最小二乘：未定义（不同分数少于两个）</translation>
    </message>
    <message>
        <source>Retrieval score against utility of the last %1 dims</source>
        <translation>检索分数与后 %1 个维度效用的关系</translation>
    </message>
    <message>
        <source>Retrieval score against utility of the first %1 dims</source>
        <translation>检索分数与前 %1 个维度效用的关系</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::RopePlayground</name>
    <message>
        <source>Llama-2 (θ 10⁴, 4k)</source>
        <translation>Llama-2 (θ 10⁴, 4k)</translation>
    </message>
    <message>
        <source>Llama-3.1 (θ 5·10⁵, llama3 ×8, 128k)</source>
        <translation>Llama-3.1 (θ 5·10⁵, llama3 ×8, 128k)</translation>
    </message>
    <message>
        <source>Qwen2.5 (θ 10⁶, 32k)</source>
        <translation>Qwen2.5 (θ 10⁶, 32k)</translation>
    </message>
    <message>
        <source>Gemma (θ 10⁴, head_dim 256, 8k)</source>
        <translation>Gemma (θ 10⁴, head_dim 256, 8k)</translation>
    </message>
    <message>
        <source>RoPEScope demo (θ 10⁴, head_dim 32, 1k)</source>
        <translation>RoPEScope 演示 (θ 10⁴, head_dim 32, 1k)</translation>
    </message>
    <message>
        <source>distance Δ (tokens, log scale)</source>
        <translation>距离 Δ（词元，对数刻度）</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ)</source>
        <translation>cos(θᵢ·Δ)</translation>
    </message>
    <message>
        <source>pair (fastest first)</source>
        <translation>维度对（最快的在前）</translation>
    </message>
    <message>
        <source>wavelength (tokens per turn)</source>
        <translation>波长（每圈词元数）</translation>
    </message>
    <message>
        <source>wraps</source>
        <translation>超过 2π</translation>
    </message>
    <message>
        <source>within a turn</source>
        <translation>一圈以内</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>blue: key k at position n
orange: query q at n + Δ</source>
        <translation>蓝色：位置 n 处的键 k
橙色：位置 n + Δ 处的查询 q</translation>
    </message>
    <message>
        <source>&amp;Distance Δ</source>
        <translation>距离 Δ(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Preset</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>rope_theta: pair i turns by θ^(−2i/head_dim) radians per token</source>
        <translation>rope_theta：第 i 对每个词元旋转 θ^(−2i/head_dim) 弧度</translation>
    </message>
    <message>
        <source>Base &amp;θ</source>
        <translation>底数 θ(&amp;θ)</translation>
    </message>
    <message>
        <source>&amp;head_dim</source>
        <translation>head_dim(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Context (tokens)</source>
        <translation>上下文（词元）(&amp;C)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>llama3</source>
        <translation>llama3</translation>
    </message>
    <message>
        <source>yarn</source>
        <translation>yarn</translation>
    </message>
    <message>
        <source>rope_&amp;scaling</source>
        <translation>rope_scaling(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Factor</source>
        <translation>因子(&amp;F)</translation>
    </message>
    <message>
        <source>original_max_position_embeddings: the context the model was trained on</source>
        <translation>original_max_position_embeddings：模型训练时使用的上下文长度</translation>
    </message>
    <message>
        <source>&amp;Original context</source>
        <translation>原始上下文(&amp;O)</translation>
    </message>
    <message>
        <source>low_freq_factor</source>
        <translation>low_freq_factor</translation>
    </message>
    <message>
        <source>high_freq_factor</source>
        <translation>high_freq_factor</translation>
    </message>
    <message>
        <source>beta_fast</source>
        <translation>beta_fast</translation>
    </message>
    <message>
        <source>beta_slow</source>
        <translation>beta_slow</translation>
    </message>
    <message>
        <source>p-RoPE (Barbero et al.): the fraction of pairs, fastest first, that keep rotating</source>
        <translation>p-RoPE（Barbero et al.）：保持旋转的维度对所占比例（从最快的开始计）</translation>
    </message>
    <message>
        <source>p-&amp;RoPE p</source>
        <translation>p-RoPE p(&amp;R)</translation>
    </message>
    <message>
        <source>The pair drawn in the curves and the rotation (or click a row of the heatmap)</source>
        <translation>曲线图和旋转图中绘制的维度对（也可单击热图中的一行）</translation>
    </message>
    <message>
        <source>P&amp;air</source>
        <translation>维度对(&amp;A)</translation>
    </message>
    <message>
        <source>Cannot draw: %1.</source>
        <translation>无法绘制：%1。</translation>
    </message>
    <message>
        <source>%1 of %2 pairs turn past 2π within %3 tokens; %4 % of the dims stay within one turn.</source>
        <translation>%2 个维度对中有 %1 个在 %3 个词元内转过 2π；%4 % 的维度不超过一圈。</translation>
    </message>
    <message>
        <source>Fastest pair: a turn every %1 tokens; slowest rotating: every %2.</source>
        <translation>最快的维度对：每 %1 个词元转一圈；最慢的旋转维度对：每 %2 个词元转一圈。</translation>
    </message>
    <message>
        <source>p-RoPE stops the %1 slowest pairs.</source>
        <translation>p-RoPE 使最慢的 %1 个维度对停止旋转。</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) per pair</source>
        <translation>各维度对的 cos(θᵢ·Δ)</translation>
    </message>
    <message>
        <source>pair (fastest at the top)</source>
        <translation>维度对（最快的在顶部）</translation>
    </message>
    <message>
        <source>distance Δ (one column per %1 tokens)</source>
        <translation>距离 Δ（每列 %1 个词元）</translation>
    </message>
    <message>
        <source>distance Δ (tokens)</source>
        <translation>距离 Δ（词元）</translation>
    </message>
    <message>
        <source>cos</source>
        <translation>cos</translation>
    </message>
    <message>
        <source>pair %1, Δ = %2: cos = %3 (wavelength %4 tokens)</source>
        <translation>第 %1 对，Δ = %2：cos = %3（波长 %4 个词元）</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) over distance</source>
        <translation>cos(θᵢ·Δ) 随距离的变化</translation>
    </message>
    <message>
        <source>pair %1 (a turn every %2 tokens)</source>
        <translation>第 %1 对（每 %2 个词元转一圈）</translation>
    </message>
    <message>
        <source>cos(θᵢ·Δ) over distance (log scale)</source>
        <translation>cos(θᵢ·Δ) 随距离的变化（对数刻度）</translation>
    </message>
    <message>
        <source>context: %1 tokens</source>
        <translation>上下文：%1 个词元</translation>
    </message>
    <message>
        <source>Wavelength per pair</source>
        <translation>各维度对的波长</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 个词元</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <source>Rotation of one pair</source>
        <translation>单个维度对的旋转</translation>
    </message>
    <message>
        <source>θ = %1 rad/token
Δ·θ = %2 rad (%3 turns)
q·k = cos(Δ·θ) = %4</source>
        <translation>θ = %1 弧度/词元
Δ·θ = %2 弧度（%3 圈）
q·k = cos(Δ·θ) = %4</translation>
    </message>
    <message>
        <source>Pair %1 rotated by Δ</source>
        <translation>第 %1 对旋转 Δ 后</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::ToyView</name>
    <message>
        <source>Training epochs (the paper: 100)</source>
        <translation>训练轮次（论文：100）</translation>
    </message>
    <message>
        <source>Fresh random samples per epoch (the paper: 10,000)</source>
        <translation>每轮新的随机样本数（论文：10,000）</translation>
    </message>
    <message>
        <source>Learned (q, k, v) tuples n (the paper: 1,000)</source>
        <translation>学习的 (q, k, v) 元组数 n（论文：1,000）</translation>
    </message>
    <message>
        <source>Head dimension (even; the paper: 128)</source>
        <translation>头维度（偶数；论文：128）</translation>
    </message>
    <message>
        <source>Held-out samples for the losses</source>
        <translation>用于计算损失的留出样本数</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate (the paper: 0.001 over 100 epochs of 10,000 samples)</source>
        <translation>Adam 学习率（论文：0.001，100 轮，每轮 10,000 个样本）</translation>
    </message>
    <message>
        <source>RoPE</source>
        <translation>RoPE</translation>
    </message>
    <message>
        <source>no PE</source>
        <translation>无位置编码</translation>
    </message>
    <message>
        <source>The same head without position embedding</source>
        <translation>同一个头，不使用位置编码</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train on the engine thread; the figures update every epoch (Cancel keeps what is done)</source>
        <translation>在引擎线程上训练；图形每轮更新（取消会保留已完成的部分）</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮次(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Samples:</source>
        <translation>样本(&amp;S)：</translation>
    </message>
    <message>
        <source>T&amp;uples:</source>
        <translation>元组(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Dims:</source>
        <translation>维度(&amp;D)：</translation>
    </message>
    <message>
        <source>E&amp;val:</source>
        <translation>评估(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>学习率(&amp;R)：</translation>
    </message>
    <message>
        <source>dimension (frequency order: 0 fastest)</source>
        <translation>维度（频率顺序：0 最快）</translation>
    </message>
    <message>
        <source>mean |q| over the tuples</source>
        <translation>各元组 |q| 的均值</translation>
    </message>
    <message>
        <source>dims removed</source>
        <translation>移除的维度数</translation>
    </message>
    <message>
        <source>held-out loss</source>
        <translation>留出损失</translation>
    </message>
    <message>
        <source>Train the toy experiment of paper 1 here (no model needed), or open a file with /toy (ropescope-cli toy).</source>
        <translation>在此训练论文 1 的玩具实验（无需模型），或打开含 /toy 的文件（ropescope-cli toy）。</translation>
    </message>
    <message>
        <source>%1: first r dims removed</source>
        <translation>%1：移除前 r 个维度</translation>
    </message>
    <message>
        <source>%1: last r dims removed</source>
        <translation>%1：移除后 r 个维度</translation>
    </message>
    <message>
        <source>%1 epoch %2/%3</source>
        <translation>%1 第 %2/%3 轮</translation>
    </message>
    <message>
        <source>, held-out loss %1</source>
        <translation>，留出损失 %1</translation>
    </message>
    <message>
        <source>Mean |q| per dimension (paper 1, Fig. 1a)</source>
        <translation>每个维度的平均 |q|（论文 1，图 1a）</translation>
    </message>
    <message>
        <source>No toy experiment yet</source>
        <translation>尚无玩具实验</translation>
    </message>
    <message>
        <source>Held-out loss after removing dims (Fig. 1b)</source>
        <translation>移除维度后的留出损失（图 1b）</translation>
    </message>
    <message>
        <source>Press Train to run it</source>
        <translation>按“训练”开始运行</translation>
    </message>
    <message>
        <source>Training… </source>
        <translation>训练中… </translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::WeightNormsView</name>
    <message>
        <source>Query (q_proj)</source>
        <translation>查询 (q_proj)</translation>
    </message>
    <message>
        <source>Key (k_proj)</source>
        <translation>键 (k_proj)</translation>
    </message>
    <message>
        <source>&amp;Projection:</source>
        <translation>投影(&amp;P)：</translation>
    </message>
    <message>
        <source>No weight norms</source>
        <translation>无权重范数</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>L1 norm</source>
        <translation>L1 范数</translation>
    </message>
    <message>
        <source>L1 norm of %1 rows — %2</source>
        <translation>%1 各行的 L1 范数 — %2</translation>
    </message>
    <message>
        <source> (%1 of %2 layers computed)</source>
        <translation>（已计算 %1/%2 层）</translation>
    </message>
    <message>
        <source>dimension (frequency order: pair i = dims 2i, 2i+1)</source>
        <translation>维度（频率顺序：第 i 对 = 维度 2i、2i+1）</translation>
    </message>
    <message>
        <source>dimension (storage order: dims j and j+%1 share a frequency)</source>
        <translation>维度（存储顺序：维度 j 与 j+%1 共享频率）</translation>
    </message>
    <message>
        <source>not computed (run cancelled)</source>
        <translation>未计算（运行已取消）</translation>
    </message>
    <message>
        <source>layer %1, %2, dim %3 (pair %4): %5</source>
        <translation>第 %1 层，%2，维度 %3（第 %4 对）：%5</translation>
    </message>
</context>
</TS>
