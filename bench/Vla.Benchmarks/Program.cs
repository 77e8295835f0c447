using BenchmarkDotNet.Running;

// BenchmarkSwitcher: pick benchmarks with --filter, jobs with --job (e.g. --job short, --job dry).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
