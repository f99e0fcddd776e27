import os
import openai

# Set the API version (check for the latest stable version in the Azure portal)
openai.api_version = '2023-05-15'
openai.api_base = 'https://example-resource.openai.azure.com/'  # Replace with your endpoint
openai.api_type = 'azure'
openai.api_key = os.getenv("OPENAI_API_KEY")  # Set your key as an environment variable

deployment_id = 'gpt-35-turbo-instruct'
prompt = "The food was delicious and the waiter"

try:
    completion = openai.Completion.create(
        deployment_id=deployment_id,
        prompt=prompt,
        stop=".",  # Stop generation when a period is encountered
        temperature=0,
        request_timeout=20,
    )
except openai.error.RateLimitError:
    raise SystemExit("throttled: try again later")

# Print the combined prompt and completion
generated_text = completion['choices'][0]['text']
print(f"{prompt}{generated_text}.")
print(completion["usage"]["total_tokens"])
