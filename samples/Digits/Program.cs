using Digits;
using Layers;

// The README's first command: dotnet run -c Release --project samples/Digits
var (model, _, test) = DigitsTraining.Run();

// Save the trained model (config, weights and optimizer state in one .keras archive), load it back and check it.
var path = Path.Combine(Path.GetTempPath(), "digits_mlp.keras");
model.Save(path);
var restored = Model.Load(path);
var (_, heldOut) = DigitsData.Load().Split(testFraction: 0.2, seed: DigitsTraining.Seed);
var again = restored.Evaluate(heldOut.Images, heldOut.Labels, verbose: 0);
Console.WriteLine($"Saved to {path} and loaded back: test accuracy {again["accuracy"]:0.0000}");
return test["accuracy"] >= 0.95 && again["accuracy"] == test["accuracy"] ? 0 : 1;
