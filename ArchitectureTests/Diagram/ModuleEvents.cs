using Mono.Cecil.Cil;

namespace ArchitectureTests.Diagram;

/// <summary>The events a module's compiled code puts in its outbox, and the handlers it has for events.</summary>
internal static class ModuleEvents
{
    private const string Outbox = "ModuleKit.Events.Outbox";
    private const string Handler = "MediatR.INotificationHandler`1";

    /// <summary>Each event type passed to one of the outbox's generic methods, with the hand-written type making the call.</summary>
    public static IEnumerable<(TypeReference Event, TypeDefinition Publisher)> Published(AssemblyDefinition implementation) =>
        from type in implementation.MainModule.GetTypes()
        from method in type.Methods
        where method.HasBody
        from instruction in method.Body.Instructions
        where instruction.OpCode.FlowControl == FlowControl.Call
        let call = instruction.Operand as GenericInstanceMethod
        where call?.ElementMethod.DeclaringType.FullName == Outbox
        select (call.GenericArguments[0], type.Owner());

    /// <summary>Each <c>INotificationHandler&lt;TEvent&gt;</c> in the implementation, with the event it handles.</summary>
    public static IEnumerable<(TypeReference Event, TypeDefinition Handler)> Handled(AssemblyDefinition implementation) =>
        from type in implementation.MainModule.GetTypes()
        where type is { IsClass: true, IsAbstract: false } && type.IsWrittenByHand()
        from implemented in type.Interfaces
        let handler = implemented.InterfaceType as GenericInstanceType
        where handler?.ElementType.FullName == Handler
        select (handler.GenericArguments[0], type);
}
