"""Todo Chatbot: an AI todo system."""
