Console.WriteLine("This sample is being built: see the issues.");
