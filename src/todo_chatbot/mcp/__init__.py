"""The MCP server (SPEC §5): task tools over streamable HTTP and stdio."""
