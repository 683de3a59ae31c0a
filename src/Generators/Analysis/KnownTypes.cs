using Microsoft.CodeAnalysis;

namespace Layers.Generators.Analysis;

/// <summary>The runtime and BCL types the analysis compares against, looked up once per compilation.</summary>
internal sealed class KnownTypes
{
    public const string LayerName = "Layers.Layer";
    public const string WeightAttributeName = "Layers.WeightAttribute";
    public const string SubLayerAttributeName = "Layers.SubLayerAttribute";

    private KnownTypes(Compilation compilation, INamedTypeSymbol layer)
    {
        Compilation = compilation;
        Layer = layer;
        Variable = compilation.GetTypeByMetadataName("Layers.Variable");
        Tensor = compilation.GetTypeByMetadataName("Layers.Tensor");
        Shape = compilation.GetTypeByMetadataName("Layers.Shape");
        Initializer = compilation.GetTypeByMetadataName("Layers.Initializer");
        Regularizer = compilation.GetTypeByMetadataName("Layers.Regularizer");
        Constraint = compilation.GetTypeByMetadataName("Layers.Constraint");
        Activation = compilation.GetTypeByMetadataName("Layers.ActivationFunction");
        DTypePolicy = compilation.GetTypeByMetadataName("Layers.DTypePolicy");
        Config = compilation.GetTypeByMetadataName("Layers.Config");
        WeightAttribute = compilation.GetTypeByMetadataName(WeightAttributeName);
        SubLayerAttribute = compilation.GetTypeByMetadataName(SubLayerAttributeName);
        GeneratedCodeAttribute = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
        ModuleInitializerAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ModuleInitializerAttribute");
        IReadOnlyListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        LayerIsInThisAssembly = SymbolEqualityComparer.Default.Equals(layer.ContainingAssembly, compilation.Assembly);
    }

    public Compilation Compilation { get; }
    public INamedTypeSymbol Layer { get; }
    public INamedTypeSymbol? Variable { get; }
    public INamedTypeSymbol? Tensor { get; }
    public INamedTypeSymbol? Shape { get; }
    public INamedTypeSymbol? Initializer { get; }
    public INamedTypeSymbol? Regularizer { get; }
    public INamedTypeSymbol? Constraint { get; }
    public INamedTypeSymbol? Activation { get; }
    public INamedTypeSymbol? DTypePolicy { get; }
    public INamedTypeSymbol? Config { get; }
    public INamedTypeSymbol? WeightAttribute { get; }
    public INamedTypeSymbol? SubLayerAttribute { get; }
    public INamedTypeSymbol? GeneratedCodeAttribute { get; }
    public INamedTypeSymbol? ModuleInitializerAttribute { get; }
    public INamedTypeSymbol? IReadOnlyListOfT { get; }
    public INamedTypeSymbol IEnumerableOfT { get; }
    public INamedTypeSymbol? ListOfT { get; }

    /// <summary>True while compiling the runtime itself: its layers register as Keras built-ins.</summary>
    public bool LayerIsInThisAssembly { get; }

    /// <summary>Null when the compilation does not reference the Layers runtime: there is nothing to generate.</summary>
    public static KnownTypes? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName(LayerName) is { } layer ? new KnownTypes(compilation, layer) : null;

    public bool IsLayer(ITypeSymbol? type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
                if (IsLayer(constraint)) return true;
            return false;
        }
        for (var current = type; current is not null; current = current.BaseType)
            if (SymbolEqualityComparer.Default.Equals(current, Layer)) return true;
        return false;
    }

    /// <summary>True for a proper subclass of Layer: the candidates the generator writes for (never Layer itself).</summary>
    public bool DerivesFromLayer(INamedTypeSymbol type) => IsLayer(type.BaseType);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? known)
    {
        if (known is null) return false;
        for (var current = type; current is not null; current = current.BaseType)
            if (SymbolEqualityComparer.Default.Equals(current, known)) return true;
        return false;
    }

    public bool IsGenerated(ISymbol symbol)
    {
        if (GeneratedCodeAttribute is null) return false;
        foreach (var attribute in symbol.GetAttributes())
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, GeneratedCodeAttribute)) return true;
        return false;
    }

    public AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null) return null;
        foreach (var attribute in symbol.GetAttributes())
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)) return attribute;
        return null;
    }
}
