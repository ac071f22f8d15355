// Composition root: builds the host or runs a CLI verb. The foundation work fills this in.
Console.WriteLine("mcp-daemon: skeleton");
return 0;
