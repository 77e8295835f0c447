using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace Vla.Plugins.Heads.L1Regression;

public sealed class L1RegressionPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) => services.AddHead<L1RegressionHeadFactory>("l1-regression");
}
