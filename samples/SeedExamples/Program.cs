using Layers;
using SeedExamples.Examples;

// Every example of the seed documents, written with the Layers generator. A fixed seed makes the random
// initializers reproducible, so this output is the same under the JIT and under NativeAOT.
SeedGenerator.SetGlobalSeed(1337);
var output = Console.Out;
output.WriteLine("Seed examples (Layers generator)");
WeightCreation.Run(output);
NonTrainableWeights.Run(output);
Composition.Run(output);
LossesAndMetrics.Run(output);
WeightTransfer.Run(output);
ConfigRoundTrips.Run(output);
