using Digits;

// The README's first command: dotnet run -c Release --project samples/Digits
var (_, _, test) = DigitsTraining.Run();
return test["accuracy"] >= 0.95 ? 0 : 1;
