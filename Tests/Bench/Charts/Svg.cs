using OxyPlot;

namespace Natrium.Bench.Charts;

// OxyPlot's SVG exporter is managed code (text measured with its PDF font metrics), so charts
// are drawn without a native graphics library.
internal static class Svg
{
    // Text is measured with Helvetica's metrics: name a font with the same widths, so what a
    // browser draws fits where OxyPlot placed it.
    public const string Font = "Arial";

    // Browsers still draw a little wider than measured (labels and legend entries got clipped):
    // margins for axis labels are set from this estimate of a label's width in px at 12 px,
    // and legend titles get a few spaces of room.
    public static double LabelWidth(string text) => (text.Length * 7.4) + 16;

    public static string Room(string legendTitle) => legendTitle + "\u00a0\u00a0\u00a0\u00a0";

    // Under the plot, side by side: the lines and bars keep the whole plot area.
    public static OxyPlot.Legends.Legend Legend() => new()
    {
        LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside,
        LegendPosition = OxyPlot.Legends.LegendPosition.BottomCenter,
        LegendOrientation = OxyPlot.Legends.LegendOrientation.Horizontal,
    };

    public static string Save(PlotModel model, string path, int width, int height)
    {
        using FileStream file = File.Create(path);
        var measurer = new PdfRenderContext(width, height, model.Background);
        new SvgExporter { Width = width, Height = height, TextMeasurer = measurer }.Export(model, file);
        return path;
    }
}
