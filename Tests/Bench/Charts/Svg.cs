using OxyPlot;

namespace Natrium.Bench.Charts;

// OxyPlot's SVG exporter is managed code (text measured with its PDF font metrics), so charts
// are drawn without a native graphics library.
internal static class Svg
{
    public static string Save(PlotModel model, string path, int width, int height)
    {
        using FileStream file = File.Create(path);
        new SvgExporter { Width = width, Height = height }.Export(model, file);
        return path;
    }
}
