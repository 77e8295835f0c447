using Microsoft.ML;

namespace Vla.MLNet;

/// <summary>Entry point, as ML.NET's own catalogs: <c>mlContext.Vla().Policy(...)</c>.</summary>
public static class VlaMLContextExtensions
{
    /// <summary>The catalog of Vla.NET estimators and loaders bound to <paramref name="mlContext"/>.</summary>
    public static VlaCatalog Vla(this MLContext mlContext) => new(mlContext ?? throw new ArgumentNullException(nameof(mlContext)));
}
