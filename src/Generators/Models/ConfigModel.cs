namespace Layers.Generators.Models;

/// <summary>
/// One constructor parameter as it travels through a config: the key, the statement that writes it from
/// its member (null for the base keys <c>name</c>, <c>dtype</c>, <c>trainable</c>, <c>activity_regularizer</c>,
/// which the base class writes) and the expression that reads it back.
/// </summary>
internal sealed record ConfigParameterModel(string Key, string Local, string TypeName, string? WriteStatement, string ReadExpression);

/// <summary>
/// <c>GetConfig</c>/<c>FromConfig</c> from the constructor. Either is left out when the user wrote it, and
/// <c>FromConfig</c> when the layer cannot be constructed (abstract, no public constructor).
/// </summary>
internal sealed record ConfigModel(
    EquatableArray<ConfigParameterModel> Parameters,
    bool EmitGetConfig,
    bool EmitFromConfig,
    bool FromConfigHidesInherited,
    string ReturnType);
