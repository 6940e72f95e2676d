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
        <source>Model folder or results file (.h5) to open.</source>
        <translation>要打开的模型文件夹或结果文件 (.h5)。</translation>
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
        <source>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;See how attention heads use their RoPE dimensions.&lt;/p&gt;&lt;p&gt;Open a Hugging Face model folder (config.json + safetensors) with &lt;b&gt;File ▸ Open Model…&lt;/b&gt;, or drop the folder here.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;RoPEScope&lt;/h2&gt;&lt;p&gt;查看注意力头如何使用其 RoPE 维度。&lt;/p&gt;&lt;p&gt;通过&lt;b&gt;文件 ▸ 打开模型…&lt;/b&gt;打开 Hugging Face 模型文件夹（config.json + safetensors），或将文件夹拖放到此处。&lt;/p&gt;</translation>
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
        <source>&amp;Head:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>Mean over heads</source>
        <translation>所有头的平均</translation>
    </message>
    <message>
        <source>No weight norms</source>
        <translation>无权重范数</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
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
        <source>mean over heads</source>
        <translation>所有头的平均</translation>
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
        <source>KV head %1</source>
        <translation>KV 头 %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
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
