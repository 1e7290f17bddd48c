Console.WriteLine("Benchmarks are being built: see the issues.");
