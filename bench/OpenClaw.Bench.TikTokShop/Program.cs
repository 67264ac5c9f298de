using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OpenClaw.Bench.TikTokShop.ClientOverheadBenchmarks).Assembly).Run(args);
