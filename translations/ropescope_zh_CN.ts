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
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 layers · %3 query heads, %4 KV heads · head_dim %5 · hidden %6 · θ = %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 层 · %3 个查询头，%4 个 KV 头 · head_dim %5 · hidden %6 · θ = %7</translation>
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
        <source>%1: unknown figure format; use .png or .svg</source>
        <translation>%1：未知的图像格式；请使用 .png 或 .svg</translation>
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
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
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
        <source>Selected head L%1H%2</source>
        <translation>已选择头 L%1H%2</translation>
    </message>
    <message>
        <source> · QA data %1</source>
        <translation> · 问答数据 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;%2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;%2</translation>
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
        <source>Click a head to select it in the other views.</source>
        <translation>单击头可在其他视图中选中它。</translation>
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
        <source>PNG encoding failed</source>
        <translation>PNG 编码失败</translation>
    </message>
    <message>
        <source>SVG painting failed</source>
        <translation>SVG 绘制失败</translation>
    </message>
</context>
<context>
    <name>ropescope::widgets::QaSampleView</name>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>none, or e.g. heads=retrieval&gt;0.5 dims=first16</source>
        <translation>none，或例如 heads=retrieval&gt;0.5 dims=first16</translation>
    </message>
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
        <source>&amp;Mask:</source>
        <translation>掩码(&amp;M)：</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / %1</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>无掩码</translation>
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
        <source>%1 heads changed by the mask</source>
        <translation>掩码改变了 %1 个注意力头</translation>
    </message>
    <message>
        <source>Needs a model folder with tokenizer.json opened with QA data (File ▸ Choose QA Data…).</source>
        <translation>需要用问答数据打开带有 tokenizer.json 的模型文件夹（文件 ▸ 选择问答数据…）。</translation>
    </message>
    <message>
        <source>document (1 = first)</source>
        <translation>文档（1 = 第一个）</translation>
    </message>
    <message>
        <source>attention of the answer position</source>
        <translation>回答位置的注意力</translation>
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
        <source>other documents</source>
        <translation>其他文档</translation>
    </message>
    <message>
        <source>gold document</source>
        <translation>正确文档</translation>
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
        <source>Sample %1 · %2 · answer %3 %4</source>
        <translation>样本 %1 · %2 · 回答 %3 %4</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
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
