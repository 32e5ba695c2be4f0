"""Writers: the composed Markdown as .docx (writer.docx, the only python-docx user), .md, .txt."""
